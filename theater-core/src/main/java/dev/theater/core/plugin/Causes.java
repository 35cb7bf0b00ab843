package dev.theater.core.plugin;

/** Short descriptions of exceptions for problem messages. */
final class Causes {

    private Causes() {
    }

    /**
     * {@code IllegalStateException: boom}, unwrapping reflection and PF4J wrappers down to the root cause. An
     * {@link Error} that wraps a cause keeps its name, so that a failed static initializer reads
     * {@code ExceptionInInitializerError caused by IllegalStateException: boom}.
     */
    static String describe(Throwable t) {
        String error = null;
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            if (error == null && root instanceof Error) {
                error = root.getClass().getSimpleName();
            }
            root = root.getCause();
        }
        String message = root.getMessage();
        String text = root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        return error == null ? text : error + " caused by " + text;
    }
}
