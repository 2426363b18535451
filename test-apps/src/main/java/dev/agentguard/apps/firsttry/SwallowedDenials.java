package dev.agentguard.apps.firsttry;

import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Denials that libraries swallow (issue 15): {@code HttpURLConnection} turns a denied lookup into a bare
 * unknown host, and an SDK that starts a server process turns a denied start into a timeout. This program
 * prints only the exception's class, as such a library would: the guard's console line is the only trace.
 */
public final class SwallowedDenials {
    private SwallowedDenials() {}

    public static void main(String[] args) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://" + args[0] + "/").openConnection();
            c.setConnectTimeout(2000);
            System.out.println("http " + c.getResponseCode());
        } catch (Exception e) {
            System.out.println("http failed: " + e.getClass().getSimpleName());
        }
        try {
            new ProcessBuilder(args[1]).start().waitFor();
            System.out.println("started");
        } catch (Exception e) {
            System.out.println("start failed: " + e.getClass().getSimpleName());
        }
    }
}
