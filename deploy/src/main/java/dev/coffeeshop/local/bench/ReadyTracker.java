package dev.coffeeshop.local.bench;

import dev.coffeeshop.local.chaos.StaffClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Which accepted orders have reached READY, read from the cashier's staff ledger of placed orders
 * ({@code /staff/orders/placed}) rather than by asking after each order: one keyset-paged read per poll, starting at the
 * oldest order still pending, so a poll costs as much as the backlog is long, not as many orders as were placed.
 */
final class ReadyTracker {

    private final StaffClient intake;
    private final Map<UUID, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Integer, List<UUID>> readyByStep = new HashMap<>();
    private long ready;
    private long failed;

    private record Pending(Instant sentAt, int step) {}

    ReadyTracker(StaffClient intake) {
        this.intake = intake;
    }

    /** An order the cashier accepted in {@code step}; {@code sentAt} is before the cashier placed it. */
    void accepted(UUID order, Instant sentAt, int step) {
        pending.put(order, new Pending(sentAt, step));
    }

    /**
     * Reads the ledger from the oldest pending order on; returns how many orders were newly seen READY. An overloaded
     * cashier may answer the ledger with 503 (no database connection in time): nothing is seen this time, the next
     * poll asks again.
     */
    synchronized int poll() {
        Instant since = pending.values().stream()
                .map(Pending::sentAt)
                .min(Instant::compareTo)
                .orElse(null);
        if (since == null) {
            return 0;
        }
        List<JsonNode> orders;
        try {
            orders = intake.ledger("/staff/orders/placed", since.minusMillis(1));
        } catch (StaffClient.StaffUnavailable e) {
            return 0;
        }
        int newlyReady = 0;
        for (JsonNode order : orders) {
            UUID id = UUID.fromString(order.path("id").asString());
            Pending mine = pending.get(id);
            if (mine == null) {
                continue;
            }
            switch (order.path("status").asString()) {
                case "READY" -> {
                    pending.remove(id);
                    readyByStep
                            .computeIfAbsent(mine.step(), s -> new ArrayList<>())
                            .add(id);
                    ready++;
                    newlyReady++;
                }
                case "REFUNDED", "CANCELLED", "COMPENSATING" -> {
                    pending.remove(id);
                    failed++;
                }
                default -> {}
            }
        }
        return newlyReady;
    }

    int pending() {
        return pending.size();
    }

    synchronized long ready() {
        return ready;
    }

    /** Orders that ended otherwise than READY: with a working payment and inventory, none should. */
    synchronized long failed() {
        return failed;
    }

    synchronized List<UUID> readyOf(int step) {
        return List.copyOf(readyByStep.getOrDefault(step, List.of()));
    }
}
