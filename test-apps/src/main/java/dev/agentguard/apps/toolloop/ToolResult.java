package dev.agentguard.apps.toolloop;

/** What one tool call returned to the "model": its output, or the error it saw. */
record ToolResult(String tool, String argument, boolean ok, boolean denied, String text) {

    static ToolResult ok(String tool, String argument, String text) {
        return new ToolResult(tool, argument, true, false, text);
    }

    static ToolResult failed(String tool, String argument, Throwable error) {
        String message = String.valueOf(error.getMessage());
        boolean denied = message.contains("agentguard: denied") || causeDenied(error);
        return new ToolResult(tool, argument, false, denied, denied ? guardMessage(error) : error.toString());
    }

    private static boolean causeDenied(Throwable error) {
        for (Throwable c = error.getCause(); c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains("agentguard: denied")) {
                return true;
            }
        }
        return false;
    }

    private static String guardMessage(Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            int at = m.indexOf("agentguard: denied");
            if (at >= 0) {
                return m.substring(at);
            }
        }
        return error.toString();
    }

    String line() {
        String status = ok ? "ALLOWED" : denied ? "DENIED " : "FAILED ";
        String shown = text.length() > 160 ? text.substring(0, 160) + "…" : text;
        return String.format("  %s %s(%s) -> %s", status, tool, argument, shown.replace('\n', ' '));
    }
}
