package dev.coffeeshop.local.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What the services did, as each of them shows it to staff: the cashier's orders and their timelines
 * ({@code /staff/orders/placed}), and the append-only ledgers of side effects, none of which has a unique constraint
 * that could hide a duplicate: drinks handed over (barista-worker {@code /staff/ledgers/handovers}), payments captured
 * and money given back (the payment provider's records, order-intake {@code /staff/ledgers/payments}: {@code CAPTURE},
 * and {@code VOID} or {@code REFUND}, each naming the order whose payment it was), notifications delivered
 * (notification-service {@code /staff/ledgers/deliveries}). The suite never reads a service's database.
 */
final class Ledgers {

    private final StaffClient intake;
    private final StaffClient barista;
    private final StaffClient notification;
    private final Instant runStartedAt;

    /**
     * @param runStartedAt when this run of the suite began: an effect for an order the cashier has not stored since
     *     then is a phantom
     */
    Ledgers(StaffClient intake, StaffClient barista, StaffClient notification, Instant runStartedAt) {
        this.intake = intake;
        this.barista = barista;
        this.notification = notification;
        this.runStartedAt = runStartedAt;
    }

    /** Everything known about the orders placed since {@code since}, and effects since then for any order. */
    record Snapshot(
            Map<UUID, OrderRecord> orders,
            Map<UUID, List<Instant>> handovers,
            Map<UUID, Integer> captures,
            Map<UUID, Integer> moneyBack,
            Map<UUID, Map<String, Integer>> deliveries,
            List<String> phantoms) {

        int handovers(UUID order) {
            return handovers.getOrDefault(order, List.of()).size();
        }

        /** When the order's drinks were handed over, once per handover. */
        List<Instant> handoverTimes(UUID order) {
            return handovers.getOrDefault(order, List.of());
        }

        /** Captures of the order's payment: the customer was charged. */
        int captures(UUID order) {
            return captures.getOrDefault(order, 0);
        }

        /** Voids and refunds of the order's payment: each one gives the money back. */
        int moneyBack(UUID order) {
            return moneyBack.getOrDefault(order, 0);
        }

        int deliveries(UUID order, String kind) {
            return deliveries.getOrDefault(order, Map.of()).getOrDefault(kind, 0);
        }
    }

    /** An order as the cashier has it: its status and the steps of its timeline, in order. */
    record OrderRecord(UUID id, String status, String paymentId, List<String> timeline) {}

    /**
     * Reads every ledger through its service's staff endpoint.
     *
     * @throws StaffClient.StaffUnavailable when a service cannot be read right now
     */
    Snapshot read(Instant since) {
        var orders = new HashMap<UUID, OrderRecord>();
        Set<UUID> known = new HashSet<>();
        for (JsonNode order : intake.ledger("/staff/orders/placed", runStartedAt)) {
            UUID id = UUID.fromString(order.path("id").asString());
            known.add(id);
            if (!Instant.parse(order.path("placedAt").asString()).isBefore(since)) {
                var timeline = new ArrayList<String>();
                order.path("timeline").forEach(step -> timeline.add(step.asString()));
                orders.put(
                        id,
                        new OrderRecord(
                                id,
                                order.path("status").asString(),
                                order.path("paymentId").asString(),
                                List.copyOf(timeline)));
            }
        }
        var phantoms = new ArrayList<String>();
        var captures = new HashMap<UUID, Integer>();
        var moneyBack = new HashMap<UUID, Integer>();
        for (JsonNode effect : intake.ledger("/staff/ledgers/payments", since)) {
            String operation = effect.path("operation").asString();
            JsonNode order = effect.path("orderId");
            if (!order.isString()) {
                phantoms.add(operation.toLowerCase(Locale.ROOT) + " "
                        + effect.path("resultId").asString() + " of unknown payment "
                        + effect.path("paymentId").asString());
                continue;
            }
            UUID id = UUID.fromString(order.asString());
            if (orders.containsKey(id)) {
                // an order placed before this scenario may settle during it: not this scenario's concern
                (operation.equals("CAPTURE") ? captures : moneyBack).merge(id, 1, Integer::sum);
            }
        }
        var handovers = new HashMap<UUID, List<Instant>>();
        for (JsonNode handover : barista.ledger("/staff/ledgers/handovers", since)) {
            UUID order = UUID.fromString(handover.path("orderId").asString());
            if (!known.contains(order)) {
                phantoms.add("drink handed over for unknown order " + order);
            }
            handovers
                    .computeIfAbsent(order, o -> new ArrayList<>())
                    .add(Instant.parse(handover.path("handedOverAt").asString()));
        }
        var deliveries = new HashMap<UUID, Map<String, Integer>>();
        for (JsonNode delivery : notification.ledger("/staff/ledgers/deliveries", since)) {
            UUID order = UUID.fromString(delivery.path("orderId").asString());
            String kind = delivery.path("kind").asString();
            if (!known.contains(order)) {
                phantoms.add(kind + " notification for unknown order " + order);
            }
            deliveries.computeIfAbsent(order, o -> new HashMap<>()).merge(kind, 1, Integer::sum);
        }
        return new Snapshot(orders, handovers, captures, moneyBack, deliveries, phantoms);
    }
}
