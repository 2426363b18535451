package dev.agentguard.apps.budget;

import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;

/**
 * Every 50 ms reads a file and connects to a loopback port, and prints one line per change of what works:
 * {@code STATE <millis since start> file=ok|denied net=ok|denied}. Runs for the given number of seconds
 * (bounded), so it needs no file to be told to stop: under the killswitch every file check is denied.
 */
public final class KillswitchProbe {
    private KillswitchProbe() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        long start = System.nanoTime();
        String last = "";
        while (System.nanoTime() - start < seconds * 1_000_000_000L) {
            String file = probeFile(dir.resolve("data.txt").toString());
            String net = probeNet(port);
            String state = "file=" + file + " net=" + net;
            if (!state.equals(last)) {
                System.out.println("STATE " + (System.nanoTime() - start) / 1_000_000 + " " + state);
                System.out.flush();
                last = state;
            }
            Thread.sleep(50);
        }
        System.out.println("DONE");
    }

    private static String probeFile(String path) {
        try (FileInputStream in = new FileInputStream(path)) {
            in.read();
            return "ok";
        } catch (SecurityException e) {
            return "denied";
        } catch (Exception e) {
            return "error";
        }
    }

    private static String probeNet(int port) {
        try (Socket s = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port)) {
            return "ok";
        } catch (SecurityException e) {
            return "denied";
        } catch (Exception e) {
            return "error";
        }
    }
}
