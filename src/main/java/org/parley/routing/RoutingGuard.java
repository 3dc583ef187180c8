package org.parley.routing;

/**
 * Marks changes routing makes itself, on the thread that makes them: the listener that turns
 * {@code ConversationChanged} into CONVERSATION_UPDATED routing ignores them, so rules never
 * re-trigger themselves.
 */
final class RoutingGuard {

    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

    private RoutingGuard() {
    }

    static boolean active() {
        return ACTIVE.get();
    }

    static void run(Runnable work) {
        boolean outer = ACTIVE.get();
        ACTIVE.set(true);
        try {
            work.run();
        } finally {
            ACTIVE.set(outer);
        }
    }
}
