package dev.vigil.net;

/** Reads what {@code java.net.http} threw, whose cause chain holds the exception that names the problem. */
public final class Causes {
    private Causes() {
    }

    /** The first of {@code type} in {@code error}'s cause chain, or null. */
    public static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Whether {@code error}'s cause chain holds a {@code type}. */
    public static boolean has(Throwable error, Class<? extends Throwable> type) {
        return find(error, type) != null;
    }

    /** The innermost message in the chain, which names the problem; the class's name when none has a message. */
    public static String innermostMessage(Throwable error) {
        String message = error.getClass().getSimpleName();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
