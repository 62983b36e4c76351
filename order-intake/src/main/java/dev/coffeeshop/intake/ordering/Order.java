package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.OrderCancelled;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.RejectionReason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order's saga, in one place: what the cashier knows about an order, and one method per fact it learns. Each method
 * returns a {@link Decision} (the order as it becomes, the timeline step, the payment action, the events to publish, or
 * a refusal) and changes nothing itself, so the rules read and test without a database or a broker, and the
 * {@link Cashier} only has to deduplicate, lock, decide and apply. Every switch over the status is exhaustive: a new
 * status does not compile until each fact has an answer for it. {@code docs/order-states.md} holds the same rules as a
 * table, which {@code SagaTableTests} runs through this class.
 *
 * @param deadline if the order is not ready by then, the shop gives up on it and the money goes back
 * @param compensation why the order was given up; null while it was not
 * @param compensationReason the reason its compensation announces (a {@link RejectionReason} or a
 *     {@link CancellationReason}); null while it was not given up
 * @param refundId the provider's id of the void or refund that gave the money back; null until then
 * @param writtenOff a drink was made after the order was given up, and written off
 */
record Order(
        UUID id,
        String customerName,
        long totalCents,
        String currency,
        String paymentId,
        Instant deadline,
        OrderStatus status,
        PaymentStatus payment,
        @Nullable Compensation compensation,
        @Nullable String compensationReason,
        @Nullable String refundId,
        boolean writtenOff) {

    /**
     * The customer's order, priced and its payment authorized (and captured, when the shop charges at the till): it is
     * stored and announced.
     */
    static Decision.Change place(
            UUID id,
            PlaceOrder request,
            long totalCents,
            String currency,
            String paymentId,
            PaymentStatus payment,
            Instant now,
            Instant deadline) {
        var order = new Order(
                id,
                request.customerName(),
                totalCents,
                currency,
                paymentId,
                deadline,
                OrderStatus.INITIAL,
                payment,
                null,
                null,
                null,
                false);
        var placed = new OrderPlaced(
                UUID.randomUUID(),
                id,
                now,
                request.customerName(),
                request.items(),
                totalCents,
                currency,
                request.callbackUrl(),
                request.owner());
        return new Decision.Change(
                null, order, new TimelineEntry(TimelineStep.PLACED, now, null), null, List.of(placed));
    }

    /**
     * The customer asks to cancel. While the order is open the baristas are asked whether it is too late; asking again,
     * or after the cancellation went through, changes nothing; once the order is made or given up otherwise, the answer
     * is no.
     */
    Decision requestCancellation(Instant now) {
        return switch (status) {
            case PLACED ->
                change(
                        withStatus(OrderStatus.CANCEL_REQUESTED),
                        new TimelineEntry(TimelineStep.CANCEL_REQUESTED, now, null),
                        null,
                        new CancellationRequested(
                                UUID.randomUUID(), id, now, customerName, CancellationReason.CUSTOMER));
            case CANCEL_REQUESTED -> unchanged("the customer asked to cancel before: the answer stands");
            case COMPENSATING ->
                compensation == Compensation.CANCELLED
                        ? unchanged("the cancellation went through: the money is on its way back")
                        : refused("it is given up already (" + compensationReason + ")");
            case CANCELLED -> unchanged("it is cancelled already");
            case READY, REFUNDED -> refused("it is " + status);
        };
    }

    /**
     * The baristas made it: it waits at the counter and the authorized payment is captured. A drink for an order that
     * was given up meanwhile is written off, once: counted, never charged.
     */
    Decision ready(Instant madeAt) {
        return switch (status) {
            case PLACED, CANCEL_REQUESTED ->
                change(
                        withStatus(OrderStatus.READY),
                        new TimelineEntry(TimelineStep.READY, madeAt, null),
                        payment == PaymentStatus.AUTHORIZED ? PaymentAction.CAPTURE : null);
            case READY -> unchanged("it was handed over before");
            case COMPENSATING, REFUNDED, CANCELLED ->
                writtenOff
                        ? unchanged("a drink was written off for it before")
                        : change(
                                withDrinkWrittenOff(),
                                new TimelineEntry(
                                        TimelineStep.WRITTEN_OFF,
                                        madeAt,
                                        "made after the order was given up; not charged"),
                                null);
        };
    }

    /** The baristas cannot make it: the money goes back. */
    Decision rejected(RejectionReason reason, String detail, Instant at) {
        return switch (status) {
            case PLACED, CANCEL_REQUESTED ->
                giveUp(
                        Compensation.REJECTED,
                        reason.name(),
                        new TimelineEntry(TimelineStep.REJECTED, at, reason.name() + ": " + detail));
            case READY, COMPENSATING, REFUNDED, CANCELLED -> unchanged("it is " + status + " already");
        };
    }

    /** The baristas stopped it before starting: the customer's cancellation won, and the money goes back. */
    Decision preparationCancelled(Instant at) {
        return switch (status) {
            case CANCEL_REQUESTED ->
                giveUp(
                        Compensation.CANCELLED,
                        CancellationReason.CUSTOMER.name(),
                        new TimelineEntry(TimelineStep.CANCELLATION_ACCEPTED, at, null));
            // a deadline abandoned it, or it was decided otherwise before
            case PLACED, READY, COMPENSATING, REFUNDED, CANCELLED ->
                unchanged("it is " + status + ": the baristas' cancellation changes nothing");
        };
    }

    /** Too late to cancel: the order goes on as if the customer had never asked. */
    Decision cancellationRefused(@Nullable String detail, Instant at) {
        return switch (status) {
            case CANCEL_REQUESTED ->
                change(
                        withStatus(OrderStatus.PLACED),
                        new TimelineEntry(TimelineStep.CANCELLATION_REFUSED, at, detail),
                        null);
            case PLACED, READY, COMPENSATING, REFUNDED, CANCELLED ->
                unchanged("it is " + status + ": the refused cancellation changes nothing");
        };
    }

    /**
     * The order is still open at {@code now}, past its deadline: the shop gives up on it, tells the baristas to abandon
     * it, and the money goes back.
     */
    Decision deadlinePassed(Instant now) {
        return switch (status) {
            case PLACED, CANCEL_REQUESTED ->
                now.isBefore(deadline)
                        ? unchanged("its deadline is " + deadline)
                        : giveUp(
                                Compensation.DEADLINE_EXCEEDED,
                                CancellationReason.DEADLINE_EXCEEDED.name(),
                                new TimelineEntry(TimelineStep.DEADLINE_EXCEEDED, now, "not ready by its deadline"),
                                new CancellationRequested(
                                        UUID.randomUUID(),
                                        id,
                                        now,
                                        customerName,
                                        CancellationReason.DEADLINE_EXCEEDED));
            case READY, COMPENSATING, REFUNDED, CANCELLED -> unchanged("it is " + status + ", no longer open");
        };
    }

    /**
     * The provider confirmed {@code action}; {@code resultId} is its id for the operation. The payment's status is the
     * provider's word and is recorded whatever the order's; money given back ends a compensation, and is announced.
     */
    Decision paymentConfirmed(PaymentAction action, String resultId, Instant now) {
        return switch (action) {
            case CAPTURE -> change(withPayment(PaymentStatus.CAPTURED), null, null);
            case VOID, REFUND -> moneyBack(action, resultId, now);
        };
    }

    /**
     * The provider keeps failing or refuses {@code action}: it is parked for an operator. The order stays where it is;
     * what it waits for is visible to staff, and an operator's retry ends it as a confirmation would.
     */
    Decision paymentFailedForGood(PaymentAction action, String error) {
        return unchanged("its " + action + " waits for an operator: " + error);
    }

    private Decision moneyBack(PaymentAction action, String resultId, Instant now) {
        PaymentStatus back = action == PaymentAction.VOID ? PaymentStatus.VOIDED : PaymentStatus.REFUNDED;
        String detail = (action == PaymentAction.VOID ? "voided " : "refunded ") + resultId;
        return switch (status) {
            case COMPENSATING -> {
                boolean cancelled = compensation == Compensation.CANCELLED;
                OrderEvent announced = cancelled
                        ? new OrderCancelled(UUID.randomUUID(), id, now, customerName, totalCents)
                        : new PaymentRefunded(UUID.randomUUID(), id, now, customerName, totalCents, compensationReason);
                yield change(
                        ended(cancelled ? OrderStatus.CANCELLED : OrderStatus.REFUNDED, back, resultId),
                        new TimelineEntry(cancelled ? TimelineStep.CANCELLED : TimelineStep.REFUNDED, now, detail),
                        null,
                        announced);
            }
            case PLACED, CANCEL_REQUESTED, READY, REFUNDED, CANCELLED -> change(withPayment(back), null, null);
        };
    }

    private Decision giveUp(Compensation why, String reason, TimelineEntry entry, OrderEvent... events) {
        var givenUp = with(OrderStatus.COMPENSATING, payment, why, reason, refundId, writtenOff);
        // what was only authorized is released; what was charged at the till is refunded
        var action = payment == PaymentStatus.CAPTURED ? PaymentAction.REFUND : PaymentAction.VOID;
        return change(givenUp, entry, action, events);
    }

    private Decision change(
            Order after, @Nullable TimelineEntry entry, @Nullable PaymentAction action, OrderEvent... events) {
        if (after.equals(this)) {
            return unchanged("it is " + status + " with its payment " + payment + " already");
        }
        return new Decision.Change(this, after, entry, action, List.of(events));
    }

    private Decision unchanged(String why) {
        return new Decision.Unchanged(this, why);
    }

    private Decision refused(String why) {
        return new Decision.Refused(this, why);
    }

    private Order withStatus(OrderStatus next) {
        return with(next, payment, compensation, compensationReason, refundId, writtenOff);
    }

    private Order withPayment(PaymentStatus next) {
        return with(status, next, compensation, compensationReason, refundId, writtenOff);
    }

    private Order ended(OrderStatus end, PaymentStatus back, String resultId) {
        return with(end, back, compensation, compensationReason, resultId, writtenOff);
    }

    private Order withDrinkWrittenOff() {
        return with(status, payment, compensation, compensationReason, refundId, true);
    }

    /** This order with what a saga changes; what it was placed with stays. */
    private Order with(
            OrderStatus status,
            PaymentStatus payment,
            @Nullable Compensation compensation,
            @Nullable String compensationReason,
            @Nullable String refundId,
            boolean writtenOff) {
        return new Order(
                id,
                customerName,
                totalCents,
                currency,
                paymentId,
                deadline,
                status,
                payment,
                compensation,
                compensationReason,
                refundId,
                writtenOff);
    }
}
