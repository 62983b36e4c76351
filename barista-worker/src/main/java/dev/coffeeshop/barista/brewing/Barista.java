package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.barista.inventory.Ingredients;
import dev.coffeeshop.barista.inventory.Inventory;
import dev.coffeeshop.barista.inventory.Reservation;
import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prepares paid orders. Each order goes through two short transactions with the brewing in between, so no inventory
 * row stays locked while a drink is being made:
 *
 * <ol>
 *   <li>pick the order up (the preparation row's primary key lets only one attempt do so) and reserve all its
 *       ingredients, or reject it as out of stock;
 *   <li>brew, outside any transaction;
 *   <li>announce it ready, or rejected after an equipment failure with its ingredients given back.
 * </ol>
 *
 * A crash after step 1 leaves the preparation IN_PREPARATION; the redelivered event finds it there and brews again
 * without reserving again. Every outcome is published through the outbox in the transaction that records it.
 *
 * <p>A cancellation travels on a topic of its own and may arrive before its order, while the order waits in the
 * backlog, while it is brewed, or after it is done. It is answered in one short transaction (see {@link #cancel}):
 * an order no barista has picked up yet is stopped by writing its preparation row as CANCELLED, a tombstone that the
 * pickup's insert then finds, so it neither reserves nor brews; any other order is made as if nothing had been asked
 * and the cancellation is refused. The pickup's and the tombstone's inserts race on the primary key, so exactly one
 * of them wins: an order is never both cancelled and made.
 */
public class Barista {

    private static final Logger log = LoggerFactory.getLogger(Barista.class);

    private final TransactionTemplate transactions;
    private final Preparations preparations;
    private final Inventory inventory;
    private final Outbox outbox;
    private final Equipment equipment;
    private final Duration preparationTime;
    private final boolean haltAfterHandover;
    private final Counter drinksPrepared;
    private final Counter duplicates;
    private final Counter skippedAsCancelled;
    private final Counter cancellationsRefused;
    private final Counter cancellationDuplicates;
    private final MeterRegistry meters;

    Barista(
            TransactionTemplate transactions,
            Preparations preparations,
            Inventory inventory,
            Outbox outbox,
            Equipment equipment,
            Duration preparationTime,
            boolean haltAfterHandover,
            MeterRegistry meters) {
        this.transactions = transactions;
        this.preparations = preparations;
        this.inventory = inventory;
        this.outbox = outbox;
        this.equipment = equipment;
        this.preparationTime = preparationTime;
        this.haltAfterHandover = haltAfterHandover;
        this.meters = meters;
        this.drinksPrepared = Counter.builder("coffeeshop.drinks.prepared")
                .description("drinks handed over at the pickup counter")
                .register(meters);
        this.duplicates = Counter.builder("coffeeshop.orders.duplicates")
                .description("OrderPlaced deliveries recognised as already handled (redelivered or re-emitted)")
                .register(meters);
        this.skippedAsCancelled = Counter.builder("coffeeshop.orders.skipped-as-cancelled")
                .description("OrderPlaced deliveries skipped because the order had been cancelled before a barista "
                        + "picked it up")
                .register(meters);
        this.cancellationsRefused = Counter.builder("coffeeshop.cancellations.refused")
                .description("cancellations answered with a refusal: the order was being made or already finished")
                .register(meters);
        this.cancellationDuplicates = Counter.builder("coffeeshop.cancellations.duplicates")
                .description("cancellations recognised as already answered (redelivered or re-emitted)")
                .register(meters);
    }

    private enum PickUp {
        BREW,
        REJECTED,
        DUPLICATE,
        CANCELLED
    }

    private enum Answered {
        CANCELLED,
        REFUSED,
        DUPLICATE
    }

    /**
     * Prepares {@code order} unless it has been prepared or rejected before.
     *
     * @throws InvalidOrderException before anything changes, when the order cannot be made as written
     */
    public void prepare(OrderPlaced order) {
        Ingredients needed = Recipes.forOrder(order.items());
        long drinks = Recipes.drinks(order.items());

        PickUp pickUp = transactions.execute(tx -> pickUp(order, needed, drinks));
        if (pickUp == PickUp.DUPLICATE) {
            duplicates.increment();
        } else if (pickUp == PickUp.CANCELLED) {
            skippedAsCancelled.increment();
        }
        if (pickUp != PickUp.BREW) {
            return;
        }
        brew(drinks);
        boolean brokeDown = equipment.breaksDown();
        transactions.executeWithoutResult(tx -> handOver(order, drinks, brokeDown));
        if (haltAfterHandover) {
            log.error(
                    "Fault injection: halting after handing over order {}, before its offset is committed",
                    order.orderId());
            Runtime.getRuntime().halt(137);
        }
    }

    private PickUp pickUp(OrderPlaced order, Ingredients needed, long drinks) {
        if (preparations.processed(order.eventId())) {
            log.debug("Order {}: event {} already processed", order.orderId(), order.eventId());
            return PickUp.DUPLICATE;
        }
        if (!preparations.start(order, drinks)) {
            Preparations.Status status = preparations.status(order.orderId()).orElseThrow();
            if (status == Preparations.Status.CANCELLED) {
                log.info("Order {} was cancelled before it arrived; not making it", order.orderId());
                return PickUp.CANCELLED;
            }
            if (status.terminal()) {
                log.debug("Order {} is already {}; duplicate event {}", order.orderId(), status, order.eventId());
                return PickUp.DUPLICATE;
            }
            log.info("Order {} was picked up before and not finished; brewing it again", order.orderId());
            return PickUp.BREW;
        }
        Reservation reservation = inventory.reserve(order.orderId(), needed);
        if (reservation instanceof Reservation.Refused refused) {
            reject(order, RejectionReason.OUT_OF_STOCK, refused.detail());
            return PickUp.REJECTED;
        }
        return PickUp.BREW;
    }

    /**
     * Answers a request to stop an order, in one short transaction that records the answer, publishes it through the
     * outbox and marks the request processed:
     *
     * <ul>
     *   <li>no barista has picked the order up (it has not arrived, or waits in the backlog): its preparation is
     *       recorded as CANCELLED and {@link PreparationCancelled} published. Nothing was reserved, as reserving
     *       happens only with the pickup, so nothing is given back; the order, when it arrives, is skipped;
     *   <li>the order is being made, or is READY, REJECTED or cancelled for another reason: {@link
     *       CancellationRefused} with the reason why, and the order goes on as if nothing had been asked;
     *   <li>the request was answered before, under this event id or another one for the same order and reason:
     *       nothing changes and nothing is published.
     * </ul>
     */
    public void cancel(CancellationRequested request) {
        CancellationReason reason = request.reason() == null ? CancellationReason.UNKNOWN : request.reason();
        Answered answered = transactions.execute(tx -> answer(request, reason));
        switch (answered) {
            case CANCELLED ->
                Counter.builder("coffeeshop.orders.cancelled")
                        .description("orders stopped before a barista picked them up")
                        .tag("reason", reason.name())
                        .register(meters)
                        .increment();
            case REFUSED -> cancellationsRefused.increment();
            case DUPLICATE -> cancellationDuplicates.increment();
        }
    }

    private Answered answer(CancellationRequested request, CancellationReason reason) {
        UUID orderId = request.orderId();
        if (preparations.processed(request.eventId())) {
            log.debug("Cancellation of order {}: event {} already processed", orderId, request.eventId());
            return Answered.DUPLICATE;
        }
        if (preparations.cancelBeforeStart(orderId, request.customerName(), reason)) {
            preparations.answer(orderId, reason, Preparations.Answer.CANCELLED, null);
            outbox.add(new PreparationCancelled(
                    UUID.randomUUID(), orderId, Instant.now(), request.customerName(), reason));
            preparations.markProcessed(request.eventId());
            log.info("Order {} cancelled ({}) before it was started", orderId, reason);
            return Answered.CANCELLED;
        }
        Preparations.State state = preparations.lock(orderId);
        String detail =
                switch (state.status()) {
                    case IN_PREPARATION -> "already being made";
                    case READY -> "already made and handed over";
                    case REJECTED -> "already rejected (" + state.reason() + ")";
                    case CANCELLED -> "already cancelled (" + state.reason() + ")";
                };
        boolean firstAnswer = preparations.answer(orderId, reason, Preparations.Answer.REFUSED, detail);
        preparations.markProcessed(request.eventId());
        if (!firstAnswer) {
            log.debug(
                    "Cancellation of order {} ({}) was answered before; event {}", orderId, reason, request.eventId());
            return Answered.DUPLICATE;
        }
        outbox.add(new CancellationRefused(
                UUID.randomUUID(), orderId, Instant.now(), request.customerName(), reason, detail));
        log.info("Cancellation of order {} ({}) refused: {}", orderId, reason, detail);
        return Answered.REFUSED;
    }

    /**
     * The barista's work. Sleeping here is deliberate: it stands for the time a real barista spends at the machine, so
     * load tests see realistic throughput and consumer lag. It happens outside any transaction and holds no lock.
     */
    private void brew(long drinks) {
        Duration work = preparationTime.multipliedBy(drinks);
        if (work.isZero() || work.isNegative()) {
            return;
        }
        try {
            Thread.sleep(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // the preparation stays IN_PREPARATION; the redelivered event brews it again
            throw new IllegalStateException("interrupted while brewing", e);
        }
    }

    private void handOver(OrderPlaced order, long drinks, boolean brokeDown) {
        if (brokeDown) {
            reject(order, RejectionReason.EQUIPMENT_FAILURE, "the espresso machine broke down");
        } else if (preparations.finish(order.orderId())) {
            preparations.recordHandover(order.orderId(), drinks);
            outbox.add(new OrderReady(UUID.randomUUID(), order.orderId(), Instant.now(), order.customerName()));
            afterCommit(() -> drinksPrepared.increment(drinks));
            log.info("Order {} is ready for {}", order.orderId(), order.customerName());
        } else {
            log.debug("Order {} was finished by another attempt", order.orderId());
        }
        preparations.markProcessed(order.eventId());
    }

    private void reject(OrderPlaced order, RejectionReason reason, String detail) {
        if (!preparations.reject(order.orderId(), reason, detail)) {
            log.debug("Order {} was finished by another attempt", order.orderId());
            return;
        }
        inventory.release(order.orderId());
        outbox.add(new OrderRejected(
                UUID.randomUUID(), order.orderId(), Instant.now(), order.customerName(), reason, detail));
        preparations.markProcessed(order.eventId());
        afterCommit(() -> Counter.builder("coffeeshop.orders.rejected")
                .description("orders that could not be made")
                .tag("reason", reason.name())
                .register(meters)
                .increment());
        log.info("Order {} rejected: {} ({})", order.orderId(), reason, detail);
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
