package dev.coffeeshop.local.demo;

import java.time.Duration;
import java.util.Optional;

/**
 * What the demo knows about one order: how placing it went and the last status it saw. {@code actual} stays empty
 * until the order reaches a final state (READY, REFUNDED, CANCELLED, or refused at the till).
 */
final class TrackedOrder {

    private final PlannedOrder planned;
    private volatile String id;
    private volatile String lastStatus = "NOT PLACED";
    private volatile String actual;
    private volatile Duration placedToReady;
    private volatile long finishedAtNanos;

    TrackedOrder(PlannedOrder planned) {
        this.planned = planned;
    }

    PlannedOrder planned() {
        return planned;
    }

    Optional<String> id() {
        return Optional.ofNullable(id);
    }

    void accepted(String orderId) {
        id = orderId;
        lastStatus = "PLACED";
    }

    void seen(String status) {
        lastStatus = status;
    }

    void finished(String outcome, Duration readyLatency) {
        actual = outcome;
        placedToReady = readyLatency;
        finishedAtNanos = System.nanoTime();
    }

    boolean isFinished() {
        return actual != null;
    }

    Optional<String> actual() {
        return Optional.ofNullable(actual);
    }

    String lastStatus() {
        return lastStatus;
    }

    Optional<Duration> placedToReady() {
        return Optional.ofNullable(placedToReady);
    }

    long finishedAtNanos() {
        return finishedAtNanos;
    }

    boolean endedAsExpected() {
        return planned.expected().name().equals(actual);
    }
}
