package dev.coffeeshop.local.chaos;

import dev.coffeeshop.local.demo.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The invariants of the reliability catalogue judged over one scenario's history and ledgers:
 *
 * <ul>
 *   <li><b>lost</b> (I1, I5): an order answered 202 whose story is not complete: not in a final state, or missing a
 *       side effect it should have had (a {@code READY} order: its drink, its capture and both notifications; a
 *       {@code REFUNDED} one: its money back, a void or a refund, and both notifications; a {@code CANCELLED} one: its
 *       money back and both notifications);
 *   <li><b>duplicated</b> (I2): an order with a drink handed over, a capture, money given back (voids and refunds
 *       counted together) or a notification (per kind) more than once;
 *   <li><b>unexpected</b> (I3, I4, I6): a final state other than the one the order was planned to reach; a capture
 *       and money back for one order, a capture of an order that did not end {@code READY}, a drink and money back
 *       (unless the drink turned up after the deadline and was written off), or a notification of the other outcome;
 *       a timeline that is not a path of the order's saga as order-intake publishes it ({@link SagaGraph}); an effect
 *       for an order nobody acknowledged, or a capture, void or refund of a payment no order has; a request that never
 *       got a definite answer, or got one that contradicts its plan (a good card declined, a bad one accepted).
 * </ul>
 *
 * The suite runs order-intake with its default capture (when the order is {@code READY}), so a capture followed by a
 * refund ({@code COFFEESHOP_INTAKE_PAYMENT_CAPTURE=ON_PLACEMENT}) would be judged unexpected.
 */
record Verdict(
        int requests,
        int acknowledged,
        int terminal,
        int lost,
        int duplicated,
        int unexpected,
        List<String> problems,
        Map<UUID, Judged> orders) {

    private static final String WRITTEN_OFF = "WRITTEN_OFF";
    private static final int PROBLEMS_SHOWN = 10;

    /**
     * One acknowledged order judged: whether its story is complete, whether an effect happened twice, whether anything
     * happened that should not have, and what is wrong with it.
     */
    record Judged(
            UUID id, boolean complete, boolean duplicated, boolean unexpected, String effects, List<String> problems) {

        /** Told everything once, and nothing it should not have been. */
        boolean clean() {
            return complete && !duplicated && !unexpected;
        }
    }

    /** Every acknowledged order complete, whatever else is wrong: the suite waits for this before judging. */
    boolean complete() {
        return lost == 0;
    }

    /** The judgement of an acknowledged order of this scenario; empty for any other order. */
    Optional<Judged> order(UUID id) {
        return Optional.ofNullable(orders.get(id));
    }

    static Verdict judge(List<LoadDriver.Request> requests, Ledgers.Snapshot ledgers, SagaGraph saga) {
        var problems = new ArrayList<String>();
        var judged = new HashMap<UUID, Judged>();
        int acknowledged = 0;
        int terminal = 0;
        int lost = 0;
        int duplicated = 0;
        int unexpected = 0;
        Set<UUID> acked = new HashSet<>();
        for (LoadDriver.Request request : requests) {
            Outcome expected = request.expected();
            if (!request.done) {
                // still waiting for a definite answer: not judged yet, and not complete
                lost++;
                continue;
            }
            int status = request.finalStatus;
            boolean declined = expected == Outcome.DECLINED;
            if (status == 0 || status >= 500) {
                unexpected++;
                problems.add("request " + request.planned.idempotencyKey() + " never got a definite answer");
                continue;
            }
            if (declined != (status == 402) || (!declined && status != 202)) {
                unexpected++;
                problems.add(
                        "request " + request.planned.idempotencyKey() + " planned " + expected + " got HTTP " + status);
                continue;
            }
            if (declined) {
                continue;
            }
            acknowledged++;
            UUID id = UUID.fromString(request.orderId);
            acked.add(id);
            Ledgers.OrderRecord order = ledgers.orders().get(id);
            if (order == null) {
                lost++;
                problems.add("order " + id + " was acknowledged but is not stored");
                continue;
            }
            if (saga.isFinal(order.status())) {
                terminal++;
            }
            Judged verdict = judge(order, expected, ledgers, saga);
            judged.put(id, verdict);
            problems.addAll(verdict.problems());
            lost += verdict.complete() ? 0 : 1;
            duplicated += verdict.duplicated() ? 1 : 0;
            unexpected += verdict.unexpected() ? 1 : 0;
        }
        for (UUID stored : ledgers.orders().keySet()) {
            if (!acked.contains(stored)) {
                unexpected++;
                problems.add("order " + stored + " is stored but was never acknowledged");
            }
        }
        unexpected += ledgers.phantoms().size();
        problems.addAll(ledgers.phantoms());
        return new Verdict(
                requests.size(),
                acknowledged,
                terminal,
                lost,
                duplicated,
                unexpected,
                List.copyOf(problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size()))),
                Map.copyOf(judged));
    }

    /** One acknowledged order against its plan, its effects and the saga. */
    private static Judged judge(Ledgers.OrderRecord order, Outcome expected, Ledgers.Snapshot ledgers, SagaGraph saga) {
        UUID id = order.id();
        var problems = new ArrayList<String>();
        String state = order.status();
        int handovers = ledgers.handovers(id);
        int captures = ledgers.captures(id);
        int moneyBack = ledgers.moneyBack(id);
        Map<String, Integer> notified = ledgers.deliveries().getOrDefault(id, Map.of());
        int received = ledgers.deliveries(id, "RECEIVED");
        int ready = ledgers.deliveries(id, "READY_FOR_PICKUP");
        int refunded = ledgers.deliveries(id, "REFUNDED");
        int cancelled = ledgers.deliveries(id, "CANCELLED");
        boolean writtenOff = order.timeline().contains(WRITTEN_OFF);
        boolean isTerminal = saga.isFinal(state);
        String effects = "drinks " + handovers + ", captures " + captures + ", money back " + moneyBack + ", notified "
                + notified;

        boolean complete = isTerminal
                && switch (state) {
                    case "READY" -> received >= 1 && handovers >= 1 && captures >= 1 && ready >= 1;
                    case "REFUNDED" -> received >= 1 && moneyBack >= 1 && refunded >= 1;
                    case "CANCELLED" -> received >= 1 && moneyBack >= 1 && cancelled >= 1;
                    default -> {
                        problems.add("order " + id + " ended " + state
                                + ", a final status whose due effects the suite does not know");
                        yield false;
                    }
                };
        if (!complete) {
            problems.add("order " + id + " incomplete: " + state + ", " + effects);
        }

        boolean duplicated = handovers > 1
                || captures > 1
                || moneyBack > 1
                || notified.values().stream().anyMatch(n -> n > 1);
        if (duplicated) {
            problems.add("order " + id + " duplicated: " + effects);
        }

        boolean unexpected = false;
        if (isTerminal && !state.equals(expected.name())) {
            unexpected = true;
            problems.add("order " + id + " planned " + expected + " ended " + state);
        }
        if (captures > 0 && moneyBack > 0) {
            unexpected = true;
            problems.add("order " + id + " both charged and given its money back: " + effects);
        } else if (captures > 0 && isTerminal && !state.equals("READY")) {
            unexpected = true;
            problems.add("order " + id + " charged but ended " + state + ": " + effects);
        }
        if (!writtenOff && ((handovers > 0 && moneyBack > 0) || (ready > 0 && refunded + cancelled > 0))) {
            unexpected = true;
            problems.add("order " + id + " both made and given its money back: " + effects);
        }
        if (!saga.follows(order.timeline())) {
            unexpected = true;
            problems.add("order " + id + " went " + String.join(" -> ", order.timeline()));
        }
        return new Judged(id, complete, duplicated, unexpected, effects, List.copyOf(problems));
    }
}
