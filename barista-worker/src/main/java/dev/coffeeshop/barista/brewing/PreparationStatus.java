package dev.coffeeshop.barista.brewing;

/**
 * Where an order's preparation stands, and which of these are final: the one place that says so. The database's check
 * constraint on {@code preparations.status} lists the same names.
 */
enum PreparationStatus {
    /** Picked up and its ingredients reserved; the drinks are being made. */
    IN_PREPARATION(false, true),
    /** Made and handed over at the counter. */
    READY(true, true),
    /** Could not be made: out of stock when picked up, or the machine broke down; holds no ingredients. */
    REJECTED(true, true),
    /** Stopped before a barista picked it up: a tombstone, never started, holding no reservation. */
    CANCELLED(true, false);

    private final boolean terminal;
    private final boolean started;

    PreparationStatus(boolean terminal, boolean started) {
        this.terminal = terminal;
        this.started = started;
    }

    /** No fact moves a preparation out of a terminal status. */
    boolean terminal() {
        return terminal;
    }

    /** Whether a barista picked the order up to reach this status; a tombstone was never started. */
    boolean started() {
        return started;
    }
}
