package dev.coffeeshop.local.chaos;

import dev.coffeeshop.local.demo.Outcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The invariants of the reliability catalogue judged over one scenario's history and ledgers:
 *
 * <ul>
 *   <li><b>lost</b> (I1, I5): an order answered 202 whose story is not complete: not in a final state, or missing a
 *       side effect it should have had (drink or refund, and both notifications);
 *   <li><b>duplicated</b> (I2): an order with a drink handed over, a refund issued or a notification (per kind)
 *       delivered more than once;
 *   <li><b>unexpected</b> (I3, I4, I6): a final state other than the one the order was planned to reach; a refund and
 *       a drink for one order, or a notification of the other outcome; a timeline that left a final state or skipped
 *       a step; an effect for an order nobody acknowledged; a request that never got a definite answer, or got one
 *       that contradicts its plan (a good card declined, a bad one accepted).
 * </ul>
 */
record Verdict(
        int requests, int acknowledged, int terminal, int lost, int duplicated, int unexpected, List<String> problems) {

    private static final List<String> READY_PATH = List.of("PLACED", "READY");
    private static final List<String> REFUND_PATH = List.of("PLACED", "REJECTED", "REFUNDED");
    private static final int PROBLEMS_SHOWN = 10;

    /** Every acknowledged order complete, whatever else is wrong: the suite waits for this before judging. */
    boolean complete() {
        return lost == 0;
    }

    static Verdict judge(List<LoadDriver.Request> requests, Ledgers.Snapshot ledgers) {
        var problems = new ArrayList<String>();
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
            int handovers = ledgers.handovers(id);
            int refunds = ledgers.refunds(id);
            int received = ledgers.deliveries(id, "RECEIVED");
            int ready = ledgers.deliveries(id, "READY_FOR_PICKUP");
            int refunded = ledgers.deliveries(id, "REFUNDED");
            boolean isTerminal =
                    order.status().equals("READY") || order.status().equals("REFUNDED");
            if (isTerminal) {
                terminal++;
            }
            boolean storyComplete = isTerminal
                    && received >= 1
                    && (order.status().equals("READY") ? handovers >= 1 && ready >= 1 : refunds >= 1 && refunded >= 1);
            if (!storyComplete) {
                lost++;
                problems.add("order " + id + " incomplete: " + order.status() + ", drinks " + handovers + ", refunds "
                        + refunds + ", notified " + ledgers.deliveries().getOrDefault(id, Map.of()));
            }
            if (handovers > 1 || refunds > 1 || received > 1 || ready > 1 || refunded > 1) {
                duplicated++;
                problems.add("order " + id + " duplicated: drinks " + handovers + ", refunds " + refunds + ", notified "
                        + ledgers.deliveries().get(id));
            }
            boolean wrong = false;
            if (isTerminal && !order.status().equals(expected.name())) {
                wrong = true;
                problems.add("order " + id + " planned " + expected + " ended " + order.status());
            }
            if ((handovers > 0 && refunds > 0) || (ready > 0 && refunded > 0)) {
                wrong = true;
                problems.add("order " + id + " both made and refunded: drinks " + handovers + ", refunds " + refunds
                        + ", notified " + ledgers.deliveries().get(id));
            }
            if (!isPrefix(order.timeline(), READY_PATH) && !isPrefix(order.timeline(), REFUND_PATH)) {
                wrong = true;
                problems.add("order " + id + " went " + String.join(" -> ", order.timeline()));
            }
            if (wrong) {
                unexpected++;
            }
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
                problems.subList(0, Math.min(PROBLEMS_SHOWN, problems.size())));
    }

    private static boolean isPrefix(List<String> timeline, List<String> path) {
        return timeline.size() <= path.size()
                && path.subList(0, timeline.size()).equals(timeline);
    }
}
