package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.barista.inventory.Ingredients;
import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What the barista does about one fact of one order, as {@link Preparation} decided it: everything to write and to
 * publish in one transaction, or nothing at all, and why. The decision holds no rule of its own; whoever writes it
 * writes every part that is there, so a batch of decisions can be written in one transaction the same way.
 *
 * @param eventId the fact's event id
 * @param customerName the name on the cup, as the fact gives it
 * @param drinks the cups the order fills: written with a new preparation and counted when handed over; 0 when the
 *     fact does not say (a cancellation)
 * @param outcome what happened, for the logs and the metrics
 * @param why the outcome in words; for a decision that changes nothing, the reason nothing changes
 * @param transition the preparation's move from one status to another, or null when it stays as it is
 * @param reserve ingredients to take from the inventory for the order; none when nothing is taken
 * @param release whether the order gives back the ingredients it holds
 * @param handsOver whether the drinks are handed over at the counter
 * @param answer the answer to a cancellation, or null when none is given
 * @param events what to publish, in this order
 * @param marksProcessed whether the fact's event is recorded as processed, so that it changes nothing when delivered
 *     again; an order being brewed is not, so that the delivery after a crash brews it again
 */
record Decision(
        UUID orderId,
        UUID eventId,
        @Nullable String customerName,
        long drinks,
        Outcome outcome,
        String why,
        @Nullable Transition transition,
        Ingredients reserve,
        boolean release,
        boolean handsOver,
        @Nullable Answer answer,
        List<OrderEvent> events,
        boolean marksProcessed) {

    /** What happened to the order, one value per kind of decision. */
    enum Outcome {
        /** Picked up with every ingredient reserved: the barista brews it. */
        STARTED,
        /** Picked up before by an attempt that did not finish: brewed again, reserving nothing more. */
        RESUMED,
        /** Handed over at the counter. */
        READY,
        /** Cannot be made: out of stock when picked up, or the machine broke down. */
        REJECTED,
        /** Stopped before a barista picked it up. */
        CANCELLED,
        /** A cancellation that came too late: the order is, or was, made as if nothing had been asked. */
        REFUSED,
        /** The order arrived after it had been stopped: it is not made. */
        SKIPPED_AS_CANCELLED,
        /** The order was handled before: delivered again, or published again under a new event id. */
        DUPLICATE_ORDER,
        /** The cancellation was answered before: delivered again, or published again under a new event id. */
        DUPLICATE_CANCELLATION,
        /** Brewing ended, but another attempt had already finished the preparation. */
        FINISHED_BEFORE;

        /** Whether the barista goes on to brew the order after this decision. */
        boolean brews() {
            return this == STARTED || this == RESUMED;
        }
    }

    /**
     * A preparation's move, to be written only if the preparation is still where the decision found it: a new one
     * when {@code from} is null, else one in status {@code from}.
     *
     * @param reason the rejection's reason of a REJECTED preparation, the cancellation's of a CANCELLED one
     * @param detail the reason in words, kept with the preparation
     */
    record Transition(
            @Nullable PreparationStatus from,
            PreparationStatus to,
            @Nullable String reason,
            @Nullable String detail) {}

    /** How a cancellation is answered. */
    enum Reply {
        CANCELLED,
        REFUSED
    }

    /** The answer to a cancellation of the order for {@code reason}: given once per order and reason. */
    record Answer(
            CancellationReason reason,
            Reply reply,
            @Nullable String detail) {}

    Decision {
        events = List.copyOf(events);
    }

    /** A decision about {@code order} that changes nothing until more is added. */
    static Decision about(OrderPlaced order, long drinks, Outcome outcome, String why) {
        return new Decision(
                order.orderId(),
                order.eventId(),
                order.customerName(),
                drinks,
                outcome,
                why,
                null,
                Ingredients.none(),
                false,
                false,
                null,
                List.of(),
                false);
    }

    /** A decision about {@code request} that changes nothing until more is added. */
    static Decision about(CancellationRequested request, Outcome outcome, String why) {
        return new Decision(
                request.orderId(),
                request.eventId(),
                request.customerName(),
                0,
                outcome,
                why,
                null,
                Ingredients.none(),
                false,
                false,
                null,
                List.of(),
                false);
    }

    Decision moving(Transition next) {
        return edited(draft -> draft.transition = next);
    }

    Decision reserving(Ingredients ingredients) {
        return edited(draft -> draft.reserve = ingredients);
    }

    Decision releasing() {
        return edited(draft -> draft.release = true);
    }

    Decision handingOver() {
        return edited(draft -> draft.handsOver = true);
    }

    Decision answering(Answer given) {
        return edited(draft -> draft.answer = given);
    }

    Decision publishing(OrderEvent event) {
        return edited(draft -> draft.events.add(event));
    }

    Decision markingProcessed() {
        return edited(draft -> draft.marksProcessed = true);
    }

    /** This decision with one more thing to do: records have no withers, so a draft copies it once. */
    private Decision edited(Consumer<Draft> change) {
        var draft = new Draft(this);
        change.accept(draft);
        return draft.decision();
    }

    /** A decision being added to. */
    private static final class Draft {

        private final Decision from;
        private @Nullable Transition transition;
        private Ingredients reserve;
        private boolean release;
        private boolean handsOver;
        private @Nullable Answer answer;
        private final List<OrderEvent> events;
        private boolean marksProcessed;

        Draft(Decision from) {
            this.from = from;
            this.transition = from.transition;
            this.reserve = from.reserve;
            this.release = from.release;
            this.handsOver = from.handsOver;
            this.answer = from.answer;
            this.events = new ArrayList<>(from.events);
            this.marksProcessed = from.marksProcessed;
        }

        Decision decision() {
            return new Decision(
                    from.orderId,
                    from.eventId,
                    from.customerName,
                    from.drinks,
                    from.outcome,
                    from.why,
                    transition,
                    reserve,
                    release,
                    handsOver,
                    answer,
                    events,
                    marksProcessed);
        }
    }
}
