package dev.agentguard.agent.enforce;

/**
 * The checks {@code binfmt_elf} makes on an ELF header before it runs a file, for this machine: a file that
 * fails one is refused with {@code ENOEXEC}, and the JDK then runs it with {@code /bin/sh}
 * ({@link ScriptWithoutInterpreter}). The type is an executable or a shared object (a position-independent
 * executable), the machine is this one (or, on x86-64, a 32-bit i386 file, which the kernel runs too), and the
 * program headers have the size of that class and are at least one. Fields are read in this machine's byte
 * order, as the kernel reads them. On a machine not listed here, any ELF file is taken as runnable (as before).
 */
final class ElfHeader {
    private static final int ET_EXEC = 2;
    private static final int ET_DYN = 3;
    private static final int EM_386 = 3;
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    /** This machine's {@code e_machine}, or -1 when not known here. */
    private static final int NATIVE = machine(System.getProperty("os.arch", ""));

    private ElfHeader() {}

    private static int machine(String arch) {
        switch (arch) {
            case "amd64":
            case "x86_64":
                return EM_X86_64;
            case "aarch64":
                return EM_AARCH64;
            default:
                return -1;
        }
    }

    /** Whether the kernel would run the ELF file whose first {@code n} bytes are {@code head}. */
    static boolean runnable(byte[] head, int n) {
        if (NATIVE < 0) {
            return true;
        }
        if (n < 52) {
            return false; // shorter than either header: the kernel cannot read one
        }
        int type = u16(head, 16);
        if (type != ET_EXEC && type != ET_DYN) {
            return false;
        }
        int machine = u16(head, 18);
        int elfClass = head[4];
        if (elfClass == 2 && machine == NATIVE) {
            return n >= 64 && u16(head, 54) == 56 && u16(head, 56) >= 1;
        }
        if (elfClass == 1 && machine == EM_386 && NATIVE == EM_X86_64) {
            return u16(head, 42) == 32 && u16(head, 44) >= 1;
        }
        return false;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }
}
