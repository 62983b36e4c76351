package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.barista.BaristaProperties;
import dev.coffeeshop.barista.brewing.Decision.Outcome;
import dev.coffeeshop.barista.inventory.Ingredients;
import dev.coffeeshop.barista.inventory.Inventory;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.messaging.inbox.Inbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prepares paid orders and answers requests to cancel them. Every fact is handled the same way, in one short
 * transaction: recognise an event processed before, lock the order's {@link Preparation}, let it decide, and record the
 * {@link Decision} through {@link Preparations}; the logs and metrics follow from the decision once it is committed.
 *
 * <p>An order goes through two such transactions with the brewing in between, so no lock is held while a drink is
 * being made:
 *
 * <ol>
 *   <li>pick the order up and reserve all its ingredients, or reject it as out of stock;
 *   <li>brew, outside any transaction;
 *   <li>hand it over, or reject it after an equipment failure with its ingredients given back.
 * </ol>
 *
 * A crash after step 1 leaves the preparation IN_PREPARATION; the redelivered event finds it there and brews again
 * without reserving again. A cancellation may arrive before its order, while the order waits in the backlog, while it
 * is brewed, or after it is done; what it is answered is the preparation's rule, see {@link Preparation#cancel}.
 */
@Service
public class Barista {

    private static final Logger log = LoggerFactory.getLogger(Barista.class);

    private final TransactionTemplate transactions;
    private final Inbox inbox;
    private final Preparations preparations;
    private final Inventory inventory;
    private final Equipment equipment;
    private final Duration preparationTime;
    private final boolean haltAfterHandover;
    private final MeterRegistry meters;
    private final Counter drinksPrepared;
    private final Counter duplicates;
    private final Counter skippedAsCancelled;
    private final Counter cancellationsRefused;
    private final Counter cancellationDuplicates;
    private final PlacedToReady placedToReady;

    Barista(
            TransactionTemplate transactions,
            Inbox inbox,
            Preparations preparations,
            Inventory inventory,
            Equipment equipment,
            BaristaProperties properties,
            MeterRegistry meters,
            PlacedToReady placedToReady) {
        this.transactions = transactions;
        this.inbox = inbox;
        this.preparations = preparations;
        this.inventory = inventory;
        this.equipment = equipment;
        this.preparationTime = properties.preparationTime();
        this.haltAfterHandover = properties.haltAfterHandover();
        this.meters = meters;
        this.placedToReady = placedToReady;
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

    /**
     * Prepares {@code order} unless it has been prepared, rejected or cancelled before.
     *
     * @throws InvalidOrderException before anything changes, when the order cannot be made as written
     */
    public void prepare(OrderPlaced order) {
        Ingredients needed = Recipes.forOrder(order.items());
        long drinks = Recipes.drinks(order.items());

        Decision pickedUp = Objects.requireNonNull(transactions.execute(tx -> {
            if (inbox.alreadyRecorded(order.eventId())) {
                return Decision.about(order, drinks, Outcome.DUPLICATE_ORDER, "event processed before");
            }
            Preparation preparation = preparations.lock(order.orderId());
            return record(preparation.pickUp(order, needed, drinks, inventory::lockOnHand));
        }));
        observeOnceCommitted(pickedUp);
        if (!pickedUp.outcome().brews()) {
            return;
        }

        brew(drinks);
        boolean brokeDown = equipment.breaksDown();
        Decision finished = Objects.requireNonNull(transactions.execute(tx -> {
            Preparation preparation = preparations.lock(order.orderId());
            return record(brokeDown ? preparation.breakDown(order, drinks) : preparation.handOver(order, drinks));
        }));
        observeOnceCommitted(finished);
        if (finished.outcome() == Outcome.READY) {
            onceCommitted(() -> placedToReady.handedOver(order, finished));
        }
        if (haltAfterHandover) {
            log.error(
                    "Fault injection: halting after handing over order {}, before its offset is committed",
                    order.orderId());
            Runtime.getRuntime().halt(137);
        }
    }

    /**
     * Answers a request to stop an order, in one short transaction that records the answer, publishes it through the
     * outbox and marks the request processed; a request answered before changes nothing and publishes nothing.
     */
    public void cancel(CancellationRequested request) {
        Decision answered = Objects.requireNonNull(transactions.execute(tx -> {
            if (inbox.alreadyRecorded(request.eventId())) {
                return Decision.about(request, Outcome.DUPLICATE_CANCELLATION, "event processed before");
            }
            Preparation preparation = preparations.lock(request.orderId());
            return record(preparation.cancel(request));
        }));
        observeOnceCommitted(answered);
    }

    private Decision record(Decision decision) {
        preparations.record(List.of(decision));
        return decision;
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

    /**
     * Logs and counts a decision once it is committed: at once, or, when the transaction joined a batch's, when the
     * batch commits (a batch that fails is handled again, and must not be counted twice).
     */
    private void observeOnceCommitted(Decision decision) {
        onceCommitted(() -> observe(decision));
    }

    private static void onceCommitted(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** Logs and counts a committed decision. */
    private void observe(Decision decision) {
        switch (decision.outcome()) {
            case STARTED, FINISHED_BEFORE -> log.debug("Order {}: {}", decision.orderId(), decision.why());
            case RESUMED -> log.info("Order {}: {}; brewing it again", decision.orderId(), decision.why());
            case READY -> {
                drinksPrepared.increment(decision.drinks());
                log.info("Order {} is {}", decision.orderId(), decision.why());
            }
            case REJECTED -> {
                String reason = Objects.requireNonNull(decision.transition()).reason();
                Counter.builder("coffeeshop.orders.rejected")
                        .description("orders that could not be made")
                        .tag("reason", String.valueOf(reason))
                        .register(meters)
                        .increment();
                log.info("Order {} rejected: {} ({})", decision.orderId(), reason, decision.why());
            }
            case CANCELLED -> {
                String reason =
                        Objects.requireNonNull(decision.answer()).reason().name();
                Counter.builder("coffeeshop.orders.cancelled")
                        .description("orders stopped before a barista picked them up")
                        .tag("reason", reason)
                        .register(meters)
                        .increment();
                log.info("Order {} {}", decision.orderId(), decision.why());
            }
            case REFUSED -> {
                cancellationsRefused.increment();
                log.info("Order {}: {}", decision.orderId(), decision.why());
            }
            case SKIPPED_AS_CANCELLED -> {
                skippedAsCancelled.increment();
                log.info("Order {} was {}; not making it", decision.orderId(), decision.why());
            }
            case DUPLICATE_ORDER -> {
                duplicates.increment();
                log.debug(
                        "Order {}: event {} is a duplicate, {}",
                        decision.orderId(),
                        decision.eventId(),
                        decision.why());
            }
            case DUPLICATE_CANCELLATION -> {
                cancellationDuplicates.increment();
                log.debug(
                        "Cancellation of order {}: event {} is a duplicate, {}",
                        decision.orderId(),
                        decision.eventId(),
                        decision.why());
            }
        }
    }
}
