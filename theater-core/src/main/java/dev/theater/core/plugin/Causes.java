package dev.theater.core.plugin;

/** Short descriptions of exceptions for problem messages. */
final class Causes {

    private Causes() {
    }

    /** {@code IllegalStateException: boom}, unwrapping reflection and PF4J wrappers down to the root cause. */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
