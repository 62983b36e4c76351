package dev.coffeeshop.barista.brewing;

import static dev.coffeeshop.barista.brewing.PreparationStatus.CANCELLED;
import static dev.coffeeshop.barista.brewing.PreparationStatus.IN_PREPARATION;
import static dev.coffeeshop.barista.brewing.PreparationStatus.READY;
import static dev.coffeeshop.barista.brewing.PreparationStatus.REJECTED;

import dev.coffeeshop.barista.brewing.Decision.Answer;
import dev.coffeeshop.barista.brewing.Decision.Outcome;
import dev.coffeeshop.barista.brewing.Decision.Reply;
import dev.coffeeshop.barista.brewing.Decision.Transition;
import dev.coffeeshop.barista.inventory.Ingredients;
import dev.coffeeshop.barista.inventory.Reservation;
import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.events.RejectionReason;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One order's preparation and every rule about it. Each fact the barista learns about the order is one method: the
 * order arrives ({@link #pickUp}), its drinks are made ({@link #handOver}) or the machine breaks down ({@link
 * #breakDown}), the cashier asks to stop it ({@link #cancel}). Each method guards the status it starts from, moves this
 * preparation to the status it decides, and returns the {@link Decision}: what to write, what to publish, or that
 * nothing changes and why. Writing it is someone else's job, so the rules read, and are tested, without a database.
 *
 * <p>A preparation may not exist yet: the order has not arrived, or waits in the backlog. An order that arrives picks
 * it up; a cancellation that comes first writes it as {@link PreparationStatus#CANCELLED}, a tombstone that the order
 * then finds. Which statuses are final is {@link PreparationStatus}'s to say.
 */
final class Preparation {

    /** What is on hand of the ingredients an order needs, with those ingredients held until the decision is written. */
    @FunctionalInterface
    interface Shelf {

        /** Quantities on hand per ingredient of {@code needed}; an ingredient never stocked may be missing. */
        Map<String, Long> onHand(Ingredients needed);
    }

    private static final String NOT_STARTED = "cancelled before it was started";

    private final UUID orderId;
    private @Nullable PreparationStatus status;
    private @Nullable String reason;
    private final Set<CancellationReason> answered;

    private Preparation(
            UUID orderId,
            @Nullable PreparationStatus status,
            @Nullable String reason,
            Set<CancellationReason> answered) {
        this.orderId = orderId;
        this.status = status;
        this.reason = reason;
        this.answered = answered.isEmpty() ? EnumSet.noneOf(CancellationReason.class) : EnumSet.copyOf(answered);
    }

    /** No preparation of {@code orderId} exists yet. */
    static Preparation none(UUID orderId) {
        return new Preparation(orderId, null, null, Set.of());
    }

    /**
     * A preparation as it was recorded.
     *
     * @param reason the rejection's reason of a REJECTED preparation, the cancellation's of a CANCELLED one
     * @param answered the reasons of the cancellations answered so far, each answered once
     */
    static Preparation of(
            UUID orderId, PreparationStatus status, @Nullable String reason, Set<CancellationReason> answered) {
        return new Preparation(orderId, status, reason, answered);
    }

    UUID orderId() {
        return orderId;
    }

    /** Null while no preparation exists. */
    @Nullable
    PreparationStatus status() {
        return status;
    }

    @Nullable
    String reason() {
        return reason;
    }

    Set<CancellationReason> answered() {
        return Set.copyOf(answered);
    }

    /**
     * The order arrives. A barista picks it up if nobody did: all its ingredients are reserved, or it is rejected as
     * out of stock. The shelf is only looked at then, so a duplicate never holds up the stock.
     */
    Decision pickUp(OrderPlaced order, Ingredients needed, long drinks, Shelf shelf) {
        if (status == null) {
            return switch (Reservation.decide(needed, shelf.onHand(needed))) {
                case Reservation.Granted granted ->
                    Decision.about(order, drinks, Outcome.STARTED, "picked up, its ingredients reserved")
                            .moving(moveTo(IN_PREPARATION, null, null))
                            .reserving(granted.ingredients());
                case Reservation.Refused refused ->
                    Decision.about(order, drinks, Outcome.REJECTED, refused.detail())
                            .moving(moveTo(REJECTED, RejectionReason.OUT_OF_STOCK.name(), refused.detail()))
                            .publishing(rejected(order, RejectionReason.OUT_OF_STOCK, refused.detail()))
                            .markingProcessed();
            };
        }
        if (status == CANCELLED) {
            return Decision.about(
                    order, drinks, Outcome.SKIPPED_AS_CANCELLED, "cancelled (" + reason + ") before it arrived");
        }
        if (status.terminal()) {
            return Decision.about(order, drinks, Outcome.DUPLICATE_ORDER, "already " + status);
        }
        // an earlier attempt crashed while brewing: its reservation stands, so it is brewed again without another
        return Decision.about(order, drinks, Outcome.RESUMED, "picked up before and not finished");
    }

    /** The drinks are made: handed over at the counter, unless another attempt finished the preparation first. */
    Decision handOver(OrderPlaced order, long drinks) {
        if (status != IN_PREPARATION) {
            return finishedBefore(order, drinks);
        }
        return Decision.about(order, drinks, Outcome.READY, "ready for " + order.customerName())
                .moving(moveTo(READY, null, null))
                .handingOver()
                .publishing(new OrderReady(UUID.randomUUID(), orderId, Instant.now(), order.customerName()))
                .markingProcessed();
    }

    /**
     * The machine broke down while the drinks were made: the order is rejected and its ingredients given back,
     * unless another attempt finished the preparation first.
     */
    Decision breakDown(OrderPlaced order, long drinks) {
        if (status != IN_PREPARATION) {
            return finishedBefore(order, drinks);
        }
        String detail = "the espresso machine broke down";
        return Decision.about(order, drinks, Outcome.REJECTED, detail)
                .moving(moveTo(REJECTED, RejectionReason.EQUIPMENT_FAILURE.name(), detail))
                .releasing()
                .publishing(rejected(order, RejectionReason.EQUIPMENT_FAILURE, detail))
                .markingProcessed();
    }

    /**
     * The cashier asks to stop the order. Only an order nobody picked up yet can be stopped, and as nothing was
     * reserved for it, nothing is given back; any other is made (or was finished) as if nothing had been asked, and the
     * cancellation is refused with the reason why. Each reason is answered once, however often it is asked.
     */
    Decision cancel(CancellationRequested request) {
        CancellationReason why = request.reason() == null ? CancellationReason.UNKNOWN : request.reason();
        if (answered.contains(why)) {
            return Decision.about(request, Outcome.DUPLICATE_CANCELLATION, "cancellation (" + why + ") answered before")
                    .markingProcessed();
        }
        if (status == null) {
            return Decision.about(request, Outcome.CANCELLED, "cancelled (" + why + ") before it was started")
                    .moving(moveTo(CANCELLED, why.name(), NOT_STARTED))
                    .answering(answer(why, Reply.CANCELLED, null))
                    .publishing(new PreparationCancelled(
                            UUID.randomUUID(), orderId, Instant.now(), request.customerName(), why))
                    .markingProcessed();
        }
        String detail =
                switch (status) {
                    case IN_PREPARATION -> "already being made";
                    case READY -> "already made and handed over";
                    case REJECTED -> "already rejected (" + reason + ")";
                    case CANCELLED -> "already cancelled (" + reason + ")";
                };
        return Decision.about(request, Outcome.REFUSED, "cancellation (" + why + ") refused: " + detail)
                .answering(answer(why, Reply.REFUSED, detail))
                .publishing(new CancellationRefused(
                        UUID.randomUUID(), orderId, Instant.now(), request.customerName(), why, detail))
                .markingProcessed();
    }

    private Decision finishedBefore(OrderPlaced order, long drinks) {
        String why = status == null ? "never picked up" : "finished by another attempt (" + status + ")";
        return Decision.about(order, drinks, Outcome.FINISHED_BEFORE, why).markingProcessed();
    }

    private OrderRejected rejected(OrderPlaced order, RejectionReason why, String detail) {
        return new OrderRejected(UUID.randomUUID(), orderId, Instant.now(), order.customerName(), why, detail);
    }

    private Transition moveTo(PreparationStatus next, @Nullable String nextReason, @Nullable String detail) {
        var transition = new Transition(status, next, nextReason, detail);
        status = next;
        reason = nextReason;
        return transition;
    }

    private Answer answer(CancellationReason why, Reply reply, @Nullable String detail) {
        answered.add(why);
        return new Answer(why, reply, detail);
    }

    @Override
    public String toString() {
        return "Preparation[" + orderId + ", " + (status == null ? "none" : status) + ", answered " + answered + "]";
    }
}
