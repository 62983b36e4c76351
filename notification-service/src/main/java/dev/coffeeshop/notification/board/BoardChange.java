package dev.coffeeshop.notification.board;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One move on the board, numbered in the order the moves became visible; its id is the server-sent event's id. The
 * name is what the board may show of the name on the cup: its first word, at most {@value #SHOWN_NAME_LENGTH}
 * characters, because the board hangs where every customer can read it.
 */
record BoardChange(long id, UUID orderId, @Nullable String customerName, Status status, Instant changedAt) {

    static final int SHOWN_NAME_LENGTH = 20;

    BoardChange {
        customerName = shown(customerName);
    }

    /** The first word of a name, cut to {@value #SHOWN_NAME_LENGTH} characters; null for a name without one. */
    static @Nullable String shown(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String first = name.strip().split("\\s+", 2)[0];
        return first.codePointCount(0, first.length()) <= SHOWN_NAME_LENGTH
                ? first
                : first.substring(0, first.offsetByCodePoints(0, SHOWN_NAME_LENGTH));
    }

    enum Status {
        PREPARING,
        READY,
        /** Cancelled or refunded: off the board. */
        GONE
    }
}
