package dev.coffeeshop.notification.board;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One move on the board, numbered in the order the moves became visible; its id is the server-sent event's id. */
record BoardChange(long id, UUID orderId, @Nullable String customerName, Status status, Instant changedAt) {

    enum Status {
        PREPARING,
        READY,
        /** Cancelled or refunded: off the board. */
        GONE
    }
}
