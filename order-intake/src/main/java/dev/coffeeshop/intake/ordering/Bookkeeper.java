package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.messaging.tracing.Traceparents;
import dev.coffeeshop.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes down what the cashier decided, and is the only one who does: for every {@link Decision.Change} the order's row
 * (a new one inserted, a known one updated, guarded by the status it leaves), its timeline step, the payment action it
 * calls for (with the order's trace context, which the {@link PaymentClerk} continues) and the events it announces,
 * in the caller's transaction, a whole batch of decisions in a few statements.
 * Once that transaction commits, it counts what happened; decisions that change nothing are logged with their reason.
 */
@Component
class Bookkeeper {

    private static final Logger log = LoggerFactory.getLogger(Bookkeeper.class);

    private final Orders orders;
    private final PaymentActions actions;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Traceparents traces;

    Bookkeeper(
            Orders orders,
            PaymentActions actions,
            Outbox outbox,
            Clock clock,
            MeterRegistry meters,
            Traceparents traces) {
        this.orders = orders;
        this.actions = actions;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
        this.traces = traces;
    }

    void apply(Decision decision) {
        apply(List.of(decision));
    }

    /** Must be called in the transaction that holds the orders the decisions were made on. */
    void apply(List<? extends Decision> decisions) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("decisions are written in the transaction that holds their orders");
        }
        Instant now = clock.instant();
        var known = new ArrayList<Decision.Change>();
        var timelineOrders = new ArrayList<UUID>();
        var timeline = new ArrayList<TimelineEntry>();
        var due = new ArrayList<PaymentActions.Due>();
        var changes = new ArrayList<Decision.Change>();
        for (Decision decision : decisions) {
            switch (decision) {
                case Decision.Change change -> {
                    changes.add(change);
                    Order order = change.order();
                    if (change.before() == null) {
                        orders.insert(order, placement(change));
                    } else {
                        known.add(change);
                    }
                    if (change.entry() != null) {
                        timelineOrders.add(order.id());
                        timeline.add(change.entry());
                    }
                    if (change.action() != null) {
                        due.add(new PaymentActions.Due(
                                order.id(),
                                change.action(),
                                order.paymentId(),
                                order.totalCents(),
                                traces.forOrder(order.id())));
                    }
                }
                case Decision.Unchanged unchanged ->
                    log.info(
                            "Order {} is {}: {}",
                            unchanged.orderId(),
                            unchanged.order().status(),
                            unchanged.why());
                case Decision.Refused refused -> log.debug("Order {} refused: {}", refused.orderId(), refused.why());
            }
        }
        if (!known.isEmpty()) {
            orders.update(known, now);
        }
        if (!timeline.isEmpty()) {
            orders.addToTimelines(timelineOrders, timeline);
        }
        if (!due.isEmpty()) {
            actions.schedule(due, now);
        }
        outbox.addAll(
                changes.stream().flatMap(change -> change.events().stream()).toList());
        if (!changes.isEmpty()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    changes.forEach(Bookkeeper.this::count);
                }
            });
        }
    }

    /** A new order is stored as its announcement describes it. */
    private static OrderPlaced placement(Decision.Change change) {
        return change.events().stream()
                .filter(OrderPlaced.class::isInstance)
                .map(OrderPlaced.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "a new order " + change.order().id() + " must be announced"));
    }

    private void count(Decision.Change change) {
        SagaOutcomes.count(meters, change);
        if (change.entry() != null) {
            String counter =
                    switch (change.entry().step()) {
                        case PLACED -> "coffeeshop.orders.placed";
                        case CANCEL_REQUESTED -> "coffeeshop.cancellations.requested";
                        case CANCELLATION_REFUSED -> "coffeeshop.cancellations.refused";
                        case DEADLINE_EXCEEDED -> "coffeeshop.orders.expired";
                        case WRITTEN_OFF -> "coffeeshop.drinks.written-off";
                        case READY, REJECTED, CANCELLATION_ACCEPTED, REFUNDED, CANCELLED -> null;
                    };
            if (counter != null) {
                meters.counter(counter).increment();
            }
            if (change.entry().step() == TimelineStep.WRITTEN_OFF) {
                log.info(
                        "Order {} was made after it was {}; written off",
                        change.orderId(),
                        change.order().status());
            }
        }
        change.events().stream()
                .filter(PaymentRefunded.class::isInstance)
                .map(PaymentRefunded.class::cast)
                .forEach(refunded -> meters.counter("coffeeshop.payments.refunded", "reason", refunded.reason())
                        .increment());
    }
}
