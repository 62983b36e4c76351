package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.intake.IntakeProperties;
import dev.coffeeshop.intake.menu.Menu;
import dev.coffeeshop.intake.payment.PaymentDeclinedException;
import dev.coffeeshop.intake.payment.PaymentGateway;
import dev.coffeeshop.messaging.inbox.Inbox;
import dev.coffeeshop.messaging.logging.OrderLogContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes orders and payment, and runs the saga of each order. Every fact the cashier learns (a customer's cancellation,
 * the baristas' outcomes, a passed deadline) is handled the same way, in one transaction: deduplicate (the event was
 * acted on before), lock the order, let the {@link Order} decide, and have the {@link Bookkeeper} write the decision.
 * Payment calls happen outside database transactions and carry idempotency keys; the payment work a decision calls for
 * is carried out by the {@link PaymentClerk}.
 */
@Service
public class Cashier {

    private static final Logger log = LoggerFactory.getLogger(Cashier.class);

    private final Orders orders;
    private final Inbox inbox;
    private final Bookkeeper bookkeeper;
    private final Menu menu;
    private final PaymentGateway payments;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration keyRetention;
    private final Duration deadline;
    private final IntakeProperties.Capture capture;
    private final PaymentActions paymentActions;

    Cashier(
            Orders orders,
            Inbox inbox,
            Bookkeeper bookkeeper,
            Menu menu,
            PaymentGateway payments,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters,
            IntakeProperties properties,
            PaymentActions paymentActions) {
        this.orders = orders;
        this.inbox = inbox;
        this.bookkeeper = bookkeeper;
        this.menu = menu;
        this.payments = payments;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.keyRetention = properties.idempotencyKeyRetention();
        this.deadline = properties.preparationDeadline();
        this.capture = properties.payment().capture();
        this.paymentActions = paymentActions;
    }

    /**
     * Prices the order, authorizes payment, then stores the order and its {@code OrderPlaced} in one transaction. A
     * retry with the same idempotency key gets the order the first request created, for as long as the key is retained
     * ({@link IntakeProperties#idempotencyKeyRetention()}); after that the key places a new order.
     */
    public OrderView place(PlaceOrder request) {
        long total = Pricing.total(menu, request.items());
        String key = ownersKey(request.owner(), request.idempotencyKey());
        if (key != null) {
            var existing = orders.keyOwner(key, clock.instant().minus(keyRetention));
            if (existing.isPresent()) {
                return replay(request.idempotencyKey(), request, existing.get());
            }
        }
        UUID orderId = UUID.randomUUID();
        // from here on every line logged about this request carries the new order's id
        try (var logged = OrderLogContext.order(orderId)) {
            return placeNew(orderId, request, total, key);
        }
    }

    /** Authorizes payment for a new order and stores it, unless a concurrent retry with the same key was quicker. */
    private OrderView placeNew(UUID orderId, PlaceOrder request, long total, @Nullable String key) {
        String authorizationKey = "authorize-" + (key != null ? key + "-" + keyGeneration() : orderId);
        PaymentGateway.Authorization authorization;
        try {
            authorization = payments.authorize(request.paymentToken(), total, menu.currency(), authorizationKey);
        } catch (PaymentDeclinedException e) {
            meters.counter("coffeeshop.orders.declined", "code", e.code()).increment();
            throw e;
        }
        PaymentStatus paymentStatus = chargeAtTheTill(authorization, total, authorizationKey);
        // PostgreSQL keeps microseconds: the answer below then matches what a later GET reads back
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var placement = Order.place(
                orderId,
                request,
                total,
                menu.currency(),
                authorization.paymentId(),
                paymentStatus,
                now,
                now.plus(deadline));
        boolean stored = Boolean.TRUE.equals(transactions.execute(tx -> {
            bookkeeper.apply(placement);
            if (key != null && !orders.claimKey(key, request.requestHash(), orderId, now, now.minus(keyRetention))) {
                tx.setRollbackOnly();
                return false;
            }
            return true;
        }));
        if (!stored) {
            // a concurrent retry with the same key won; its authorization is normally this one (same provider key)
            var winner = orders.keyOwner(key, now.minus(keyRetention)).orElseThrow();
            releaseUnlessTheWinners(authorization, paymentStatus, total, winner.orderId(), authorizationKey);
            return replay(request.idempotencyKey(), request, winner);
        }
        // the first line of the order's story in the logs (./coffeeshop logs --order), with its id and trace
        log.info(
                "Order {} placed: {}.{} {}, payment {}",
                orderId,
                total / 100,
                "%02d".formatted(total % 100),
                menu.currency(),
                paymentStatus);
        // everything the answer holds was just written: no need to read it back
        return new OrderView(
                orderId,
                request.owner(),
                request.customerName(),
                OrderStatus.INITIAL,
                paymentStatus,
                request.items(),
                total,
                menu.currency(),
                placement.order().deadline(),
                List.of(new OrderView.Step(TimelineStep.PLACED.name(), now, null)));
    }

    /**
     * Which use of an idempotency key this is: retries within one retention period share the provider's key (and so
     * one authorization), while the same key used again after it expired gets a new authorization, never the old
     * order's.
     */
    private long keyGeneration() {
        return clock.millis() / keyRetention.toMillis();
    }

    /**
     * Gives back an authorization that lost the race for an idempotency key, in the rare case the winner authorized
     * under another provider key (its first attempt fell in the previous key generation). Best effort: an
     * authorization nobody captures also expires at the provider.
     */
    private void releaseUnlessTheWinners(
            PaymentGateway.Authorization ours, PaymentStatus status, long total, UUID winner, String authorizationKey) {
        String theirs = orders.paymentId(winner).orElse(null);
        if (ours.paymentId().equals(theirs)) {
            return;
        }
        String suffix = authorizationKey.substring("authorize-".length());
        try {
            if (status == PaymentStatus.CAPTURED) {
                payments.refund(ours.paymentId(), total, "refund-" + suffix);
            } else {
                payments.voidAuthorization(ours.paymentId(), "void-" + suffix);
            }
        } catch (RuntimeException e) {
            log.warn("Could not release authorization {} that lost its race: {}", ours.paymentId(), e.toString());
        }
    }

    /** Captures at once when the shop charges at the till; a retry with the same key captures it once. */
    private PaymentStatus chargeAtTheTill(
            PaymentGateway.Authorization authorization, long total, String authorizationKey) {
        if (capture != IntakeProperties.Capture.ON_PLACEMENT) {
            return PaymentStatus.AUTHORIZED;
        }
        payments.capture(
                authorization.paymentId(), total, "capture-" + authorizationKey.substring("authorize-".length()));
        return PaymentStatus.CAPTURED;
    }

    /** The order as {@code caller} may see it: another customer's order is not found, exactly as a missing one. */
    public OrderView find(UUID id, Caller caller) {
        return orders.find(id)
                .filter(order -> order.visibleTo(caller))
                .orElseThrow(() -> new OrderNotFoundException(id));
    }

    OrderView find(UUID id) {
        return orders.find(id).orElseThrow(() -> new OrderNotFoundException(id));
    }

    /**
     * An idempotency key as it is stored: within its owner's keys only, so that the same key sent by two customers
     * places two orders and never hands one the other's. The owner goes in as a digest, which keeps the key short
     * and printable wherever it travels (the payment provider's idempotency keys are made from it).
     */
    static String ownersKey(String owner, String key) {
        if (key == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(owner.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8) + "." + key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The customer asks to cancel. Accepted while the order is open (the baristas then decide whether it is too late)
     * and answered the same way when asked again; refused once the order is made or given up.
     *
     * @throws OrderNotCancellableException when the order is past the point where it can be stopped
     */
    public OrderView cancel(UUID orderId, Caller caller) {
        find(orderId, caller);
        transactions.executeWithoutResult(tx -> {
            Order order = orders.lock(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
            Decision decision = order.requestCancellation(clock.instant());
            if (decision instanceof Decision.Refused) {
                throw new OrderNotCancellableException(orderId, order.status());
            }
            bookkeeper.apply(decision);
        });
        return find(orderId);
    }

    /** The baristas made it ({@link Order#ready}). */
    public void markReady(OrderReady ready) {
        learn(List.of(ready));
    }

    /** The baristas cannot make it ({@link Order#rejected}). */
    public void compensate(OrderRejected rejected) {
        learn(List.of(rejected));
    }

    /** The baristas stopped it before starting ({@link Order#preparationCancelled}). */
    public void cancelled(PreparationCancelled cancelled) {
        learn(List.of(cancelled));
    }

    /** Too late to cancel ({@link Order#cancellationRefused}). */
    public void cancellationRefused(CancellationRefused refused) {
        learn(List.of(refused));
    }

    /**
     * Learns the baristas' outcomes, a batch at a time: deduplicate, lock the orders, decide, apply, all in one
     * transaction. Facts about one order are decided in the order given, each on the state the previous one left. The
     * cashier commits an order before announcing it, so an outcome for an order it does not have can never become
     * valid: it fails the batch (and, handled alone, its record is dead-lettered).
     *
     * @throws UnknownOrderException when a fact is about an order the cashier does not have
     * @throws IllegalArgumentException when a fact is not one of the baristas' outcomes
     */
    public void learn(List<? extends OrderEvent> facts) {
        transactions.executeWithoutResult(tx -> {
            Set<UUID> fresh = new HashSet<>(
                    inbox.recordIfNew(facts.stream().map(OrderEvent::eventId).toList()));
            var news = new ArrayList<OrderEvent>();
            for (OrderEvent fact : facts) {
                if (fresh.remove(fact.eventId())) {
                    news.add(fact);
                } else {
                    log.debug("Event {} of order {} was acted on before", fact.eventId(), fact.orderId());
                }
            }
            Map<UUID, Order> held =
                    orders.lock(news.stream().map(OrderEvent::orderId).collect(Collectors.toSet()));
            // one guarded update per order per statement: a second fact about an order goes in the next round
            var rounds = new ArrayList<List<Decision>>();
            var factsSoFar = new HashMap<UUID, Integer>();
            for (OrderEvent fact : news) {
                Order order = held.get(fact.orderId());
                if (order == null) {
                    throw new UnknownOrderException(fact.orderId());
                }
                Decision decision = decide(order, fact);
                if (decision instanceof Decision.Change change) {
                    held.put(fact.orderId(), change.order());
                }
                int round = factsSoFar.merge(fact.orderId(), 1, Integer::sum) - 1;
                if (round == rounds.size()) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(round).add(decision);
            }
            rounds.forEach(bookkeeper::apply);
        });
    }

    private static Decision decide(Order order, OrderEvent fact) {
        return switch (fact) {
            case OrderReady ready -> order.ready(ready.occurredAt());
            case OrderRejected rejected -> order.rejected(rejected.reason(), rejected.detail(), rejected.occurredAt());
            case PreparationCancelled cancelled -> order.preparationCancelled(cancelled.occurredAt());
            case CancellationRefused refused -> order.cancellationRefused(refused.detail(), refused.occurredAt());
            default ->
                throw new IllegalArgumentException(
                        "not one of the baristas' outcomes: " + fact.getClass().getSimpleName());
        };
    }

    /**
     * Gives up on open orders whose deadline has passed ({@link Order#deadlinePassed}), a batch per transaction.
     * Returns how many it gave up on.
     */
    public int expireOverdue(int limit) {
        Integer expired = transactions.execute(tx -> {
            Instant now = clock.instant();
            List<Decision> decisions = orders.lockOverdue(now, limit).stream()
                    .map(order -> order.deadlinePassed(now))
                    .toList();
            bookkeeper.apply(decisions);
            return decisions.size();
        });
        if (expired != null && expired > 0) {
            log.info("Gave up on {} orders past their deadline", expired);
        }
        return expired == null ? 0 : expired;
    }

    /** An operator's retry of an order's parked payment actions; returns how many were made due again. */
    public int retryParkedPayment(UUID orderId) {
        if (orders.paymentId(orderId).isEmpty()) {
            throw new OrderNotFoundException(orderId);
        }
        Integer retried = transactions.execute(tx -> paymentActions.retryParked(orderId, clock.instant()));
        return retried == null ? 0 : retried;
    }

    private OrderView replay(String key, PlaceOrder request, Orders.KeyOwner owner) {
        if (!owner.requestHash().equals(request.requestHash())) {
            throw new IdempotencyKeyReusedException(key);
        }
        return orders.find(owner.orderId()).orElseThrow();
    }
}
