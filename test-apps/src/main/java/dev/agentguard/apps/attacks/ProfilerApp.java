package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import javax.management.ObjectName;

/**
 * Loads agents in-process through the DiagnosticCommand MBean ({@code JVMTI.agent_load}, as jcmd would),
 * then reads a file the policy does not grant. Arguments: the file, then command lines to run, each
 * {@code ARG1|ARG2...} (the MBean's string array), printed as {@code LOAD <line> ok|denied <text>}.
 */
public final class ProfilerApp {
    private ProfilerApp() {}

    public static void main(String[] args) throws Exception {
        ObjectName name = new ObjectName("com.sun.management:type=DiagnosticCommand");
        for (int i = 1; i < args.length; i++) {
            String[] arguments = args[i].split("\\|", -1);
            try {
                Object out = ManagementFactory.getPlatformMBeanServer().invoke(name, "jvmtiAgentLoad",
                        new Object[] {arguments}, new String[] {String[].class.getName()});
                System.out.println("LOAD " + args[i] + " ok " + String.valueOf(out).strip().replace('\n', ' '));
            } catch (Exception e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                System.out.println("LOAD " + args[i] + " denied " + cause.getMessage());
            }
        }
        try (FileInputStream in = new FileInputStream(args[0])) {
            System.out.println("READ ok " + new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (Exception e) {
            System.out.println("READ denied " + e.getMessage());
        }
    }
}
