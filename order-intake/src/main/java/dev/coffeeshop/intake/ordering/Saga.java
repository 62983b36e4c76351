package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.RejectionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The saga of an order as a graph, found rather than written: starting from a placed order (paid by authorization, or
 * charged at the till), every fact is run through {@link Order} in every situation it leads to. Staff and the
 * fault-injection suite read the graph of timeline steps ({@code GET /staff/saga}) to judge real orders' timelines by
 * the same rules the cashier applies; the tests check the documented state diagram and table against it.
 */
final class Saga {

    private static final Instant PLACED_AT = Instant.parse("2026-01-01T08:00:00Z");
    private static final Instant DEADLINE = PLACED_AT.plus(Duration.ofMinutes(15));
    private static final Instant LATER = DEADLINE.plus(Duration.ofMinutes(1));

    private Saga() {}

    /** A fact the cashier may learn about an order, applied with representative details. */
    enum Fact {
        CANCELLATION_REQUESTED,
        READY,
        REJECTED,
        PREPARATION_CANCELLED,
        CANCELLATION_REFUSED,
        DEADLINE_PASSED,
        /** The provider confirmed the payment action the order waits for. */
        PAYMENT_CONFIRMED,
        /** The payment action the order waits for was parked for an operator. */
        PAYMENT_FAILED_FOR_GOOD;

        /** What the order decides; empty when the fact cannot happen: nothing is due at the provider. */
        Optional<Decision> applyTo(Order order, @Nullable PaymentAction pending) {
            return switch (this) {
                case CANCELLATION_REQUESTED -> Optional.of(order.requestCancellation(LATER));
                case READY -> Optional.of(order.ready(LATER));
                case REJECTED ->
                    Optional.of(order.rejected(RejectionReason.OUT_OF_STOCK, "not enough pumpkin-spice", LATER));
                case PREPARATION_CANCELLED -> Optional.of(order.preparationCancelled(LATER));
                case CANCELLATION_REFUSED -> Optional.of(order.cancellationRefused("already being made", LATER));
                case DEADLINE_PASSED -> Optional.of(order.deadlinePassed(LATER));
                case PAYMENT_CONFIRMED ->
                    Optional.ofNullable(pending)
                            .map(action -> order.paymentConfirmed(action, action.idempotencyKey(order.id()), LATER));
                case PAYMENT_FAILED_FOR_GOOD ->
                    Optional.ofNullable(pending)
                            .map(action -> order.paymentFailedForGood(action, "the provider keeps failing"));
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * Where an order's saga can be: everything that changes how the order answers a fact.
     *
     * @param pending the payment action scheduled and not yet confirmed
     */
    record Situation(
            OrderStatus status,
            @Nullable Compensation compensation,
            boolean writtenOff,
            PaymentStatus payment,
            @Nullable PaymentAction pending) {

        static Situation of(Order order, @Nullable PaymentAction pending) {
            return new Situation(order.status(), order.compensation(), order.writtenOff(), order.payment(), pending);
        }

        /** The status, why it was given up, and whether a drink was written off: what a timeline can tell. */
        String name() {
            var qualifiers = new ArrayList<String>();
            if (compensation != null) {
                qualifiers.add(compensation.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            if (writtenOff) {
                qualifiers.add("written off");
            }
            return qualifiers.isEmpty() ? status.name() : status + " (" + String.join(", ", qualifiers) + ")";
        }
    }

    /** One fact in one situation, what the order decided, and where that leads. */
    record Transition(Situation from, Fact fact, Decision decision, Situation to) {}

    /**
     * Every transition reachable from an order placed with {@code payment} ({@code AUTHORIZED}, or {@code CAPTURED} by
     * a shop that charges at the till), each situation explored once, in the order they are found.
     */
    static List<Transition> explore(PaymentStatus payment) {
        var placement = Order.place(
                UUID.fromString("00000000-0000-0000-0000-000000000001"),
                new PlaceOrder("ada", "Ada", "tok_approve", List.of(), null, "hash"),
                450,
                "EUR",
                "pay_1",
                payment,
                PLACED_AT,
                DEADLINE);
        var representatives = new LinkedHashMap<Situation, Order>();
        var queue = new ArrayDeque<Situation>();
        Situation start = Situation.of(placement.order(), null);
        representatives.put(start, placement.order());
        queue.add(start);
        var transitions = new ArrayList<Transition>();
        while (!queue.isEmpty()) {
            Situation from = queue.poll();
            Order order = representatives.get(from);
            for (Fact fact : Fact.values()) {
                Optional<Decision> decided = fact.applyTo(order, from.pending());
                if (decided.isEmpty()) {
                    continue;
                }
                Decision decision = decided.get();
                Situation to = next(from, fact, decision);
                transitions.add(new Transition(from, fact, decision, to));
                if (representatives.putIfAbsent(to, decision.order()) == null) {
                    queue.add(to);
                }
            }
        }
        return transitions;
    }

    private static Situation next(Situation from, Fact fact, Decision decision) {
        if (!(decision instanceof Decision.Change change)) {
            return from;
        }
        PaymentAction pending =
                change.action() != null ? change.action() : fact == Fact.PAYMENT_CONFIRMED ? null : from.pending();
        return Situation.of(change.order(), pending);
    }

    /** A step of the graph of timelines: in situation {@code from}, the timeline step {@code step} leads to {@code to}. */
    record Step(String from, String step, String to) {}

    /** The node every timeline starts from, before the order is placed. */
    static final String START = "[*]";

    /**
     * The timelines an order can have, as a graph of situations named by {@link Situation#name()} whose edges are
     * timeline steps, for both ways of taking the payment: a timeline is a path from {@link #START}.
     */
    static List<Step> timelines() {
        var steps = new LinkedHashMap<Step, Boolean>();
        for (PaymentStatus payment : List.of(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED)) {
            List<Transition> transitions = explore(payment);
            steps.put(
                    new Step(
                            START,
                            TimelineStep.PLACED.name(),
                            transitions.getFirst().from().name()),
                    true);
            for (Transition t : transitions) {
                if (t.decision() instanceof Decision.Change change && change.entry() != null) {
                    steps.put(new Step(t.from().name(), change.entry().step().name(), t.to().name()), true);
                }
            }
        }
        return List.copyOf(steps.keySet());
    }
}
