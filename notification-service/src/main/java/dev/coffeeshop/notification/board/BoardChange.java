package dev.coffeeshop.notification.board;

import java.time.Instant;
import java.util.UUID;

/** One move on the board, numbered in the order the moves became visible; its id is the server-sent event's id. */
record BoardChange(long id, UUID orderId, String customerName, Status status, Instant changedAt) {

    enum Status {
        PREPARING,
        READY,
        /** Cancelled or refunded: off the board. */
        GONE
    }
}
