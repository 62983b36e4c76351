package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.intake.IntakeProperties;
import dev.coffeeshop.intake.menu.Menu;
import dev.coffeeshop.intake.payment.PaymentDeclinedException;
import dev.coffeeshop.intake.payment.PaymentGateway;
import dev.coffeeshop.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes orders and payment, and runs the saga of each order: cancellations, deadlines, and the compensation of an order
 * that will not be made. Payment calls happen outside database transactions and carry idempotency keys; each state
 * change commits together with the event announcing it and the payment action it calls for, which the
 * {@link PaymentClerk} carries out.
 */
@Service
public class Cashier {

    private static final Logger log = LoggerFactory.getLogger(Cashier.class);

    private final Orders orders;
    private final Menu menu;
    private final PaymentGateway payments;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration keyRetention;
    private final Duration deadline;
    private final IntakeProperties.Capture capture;
    private final PaymentActions paymentActions;

    Cashier(
            Orders orders,
            Menu menu,
            PaymentGateway payments,
            Outbox outbox,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters,
            IntakeProperties properties,
            PaymentActions paymentActions) {
        this.orders = orders;
        this.menu = menu;
        this.payments = payments;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.keyRetention = properties.idempotencyKeyRetention();
        this.deadline = properties.preparationDeadline();
        this.capture = properties.payment().capture();
        this.paymentActions = paymentActions;
    }

    /**
     * Prices the order, authorizes payment, then stores the order and its {@link OrderPlaced} in one transaction. A
     * retry with the same idempotency key gets the order the first request created, for as long as the key is
     * retained ({@link IntakeProperties#idempotencyKeyRetention()}); after that the key places a new order.
     */
    public Order place(PlaceOrder request) {
        long total = Pricing.total(menu, request.items());
        String key = request.idempotencyKey();
        if (key != null) {
            var existing = orders.keyOwner(key, clock.instant().minus(keyRetention));
            if (existing.isPresent()) {
                return replay(key, request, existing.get());
            }
        }
        UUID orderId = UUID.randomUUID();
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
        boolean stored = Boolean.TRUE.equals(transactions.execute(tx -> {
            orders.insert(
                    orderId,
                    request,
                    total,
                    menu.currency(),
                    authorization.paymentId(),
                    paymentStatus,
                    now,
                    now.plus(deadline));
            if (key != null && !orders.claimKey(key, request.requestHash(), orderId, now, now.minus(keyRetention))) {
                tx.setRollbackOnly();
                return false;
            }
            outbox.add(new OrderPlaced(
                    UUID.randomUUID(),
                    orderId,
                    now,
                    request.customerName(),
                    request.items(),
                    total,
                    menu.currency(),
                    request.callbackUrl()));
            return true;
        }));
        if (!stored) {
            // a concurrent retry with the same key won; its authorization is normally this one (same provider key)
            var winner = orders.keyOwner(key, now.minus(keyRetention)).orElseThrow();
            releaseUnlessTheWinners(authorization, paymentStatus, total, winner.orderId(), authorizationKey);
            return replay(key, request, winner);
        }
        meters.counter("coffeeshop.orders.placed").increment();
        // everything the answer holds was just written: no need to read it back
        return new Order(
                orderId,
                request.customerName(),
                OrderStatus.PLACED,
                paymentStatus,
                request.items(),
                total,
                menu.currency(),
                now.plus(deadline),
                List.of(new Order.TimelineEntry(OrderStatus.PLACED.name(), now, null)));
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
        String theirs = orders.payment(winner).map(Orders.Payment::paymentId).orElse(null);
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

    public Order find(UUID id) {
        return orders.find(id).orElseThrow(() -> new OrderNotFoundException(id));
    }

    /**
     * The customer asks to cancel. Accepted while the order is open (the baristas then decide whether it is too late)
     * and answered the same way when asked again; refused once the order is made or given up.
     *
     * @throws OrderNotCancellableException when the order is past the point where it can be stopped
     */
    public Order cancel(UUID orderId) {
        transactions.executeWithoutResult(tx -> {
            var order = orders.lockPayment(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
            switch (order.status()) {
                case PLACED -> {
                    Instant now = clock.instant();
                    orders.transition(orderId, OrderStatus.PLACED, OrderStatus.CANCEL_REQUESTED, now);
                    orders.addToTimeline(orderId, OrderStatus.CANCEL_REQUESTED.name(), now, null);
                    outbox.add(new CancellationRequested(
                            UUID.randomUUID(), orderId, now, order.customerName(), CancellationReason.CUSTOMER));
                    meters.counter("coffeeshop.cancellations.requested").increment();
                }
                case CANCEL_REQUESTED, CANCELLED -> {
                    // asked before: the answer stands
                }
                case COMPENSATING -> {
                    if (order.compensation() != Orders.Compensation.CANCELLED) {
                        throw new OrderNotCancellableException(orderId, order.status());
                    }
                }
                case READY, REFUNDED -> throw new OrderNotCancellableException(orderId, order.status());
            }
        });
        return find(orderId);
    }

    /**
     * The baristas made it: the order waits at the counter and its payment is captured. A drink for an order that was
     * given up meanwhile is written off: counted, never charged.
     */
    public void markReady(OrderReady ready) {
        UUID orderId = ready.orderId();
        transactions.executeWithoutResult(tx -> {
            if (!orders.firstTimeSeen(ready.eventId())) {
                return;
            }
            var order = orders.lockPayment(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
            Instant now = clock.instant();
            if (order.status().isOpen()) {
                orders.transition(orderId, order.status(), OrderStatus.READY, now);
                orders.addToTimeline(orderId, OrderStatus.READY.name(), ready.occurredAt(), null);
                if (order.paymentStatus() == PaymentStatus.AUTHORIZED) {
                    paymentActions.schedule(
                            orderId, PaymentActions.Action.CAPTURE, order.paymentId(), order.totalCents(), now);
                }
            } else if (order.status() != OrderStatus.READY && orders.writeOff(orderId, now)) {
                orders.addToTimeline(
                        orderId, "WRITTEN_OFF", ready.occurredAt(), "made after the order was given up; not charged");
                meters.counter("coffeeshop.drinks.written-off").increment();
                log.info("Order {} was made after it was {}; written off", orderId, order.status());
            } else {
                log.info("Order {} is already {}, ignoring its ready", orderId, order.status());
            }
        });
    }

    /**
     * The baristas cannot make it: the money goes back (compensation). The provider is called later, by the
     * {@link PaymentClerk}, from the action recorded here together with the state change.
     */
    public void compensate(OrderRejected rejected) {
        String reason = rejected.reason().name();
        startCompensation(
                rejected.eventId(),
                rejected.orderId(),
                Orders.Compensation.REJECTED,
                reason,
                "REJECTED",
                rejected.occurredAt(),
                reason + ": " + rejected.detail());
    }

    /** The baristas stopped the order before starting it: the customer's cancellation won, the payment is voided. */
    public void cancelled(PreparationCancelled cancelled) {
        UUID orderId = cancelled.orderId();
        transactions.executeWithoutResult(tx -> {
            if (!orders.firstTimeSeen(cancelled.eventId())) {
                return;
            }
            var order = orders.lockPayment(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
            if (order.status() != OrderStatus.CANCEL_REQUESTED) {
                // a deadline abandoned it, or it was decided otherwise before: nothing more to do
                log.info("Order {} is {}, the baristas' cancellation changes nothing", orderId, order.status());
                return;
            }
            compensateLocked(
                    orderId,
                    order,
                    Orders.Compensation.CANCELLED,
                    CancellationReason.CUSTOMER.name(),
                    "CANCELLATION_ACCEPTED",
                    cancelled.occurredAt(),
                    null);
        });
    }

    /** Too late to cancel: the order goes on as if the customer had never asked. */
    public void cancellationRefused(CancellationRefused refused) {
        UUID orderId = refused.orderId();
        transactions.executeWithoutResult(tx -> {
            if (!orders.firstTimeSeen(refused.eventId())) {
                return;
            }
            var order = orders.lockPayment(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
            if (order.status() == OrderStatus.CANCEL_REQUESTED) {
                orders.transition(orderId, OrderStatus.CANCEL_REQUESTED, OrderStatus.PLACED, clock.instant());
                orders.addToTimeline(orderId, "CANCELLATION_REFUSED", refused.occurredAt(), refused.detail());
                meters.counter("coffeeshop.cancellations.refused").increment();
            } else {
                log.info("Order {} is {}, its refused cancellation changes nothing", orderId, order.status());
            }
        });
    }

    /**
     * Gives up on open orders whose deadline has passed: tells the baristas to abandon them and schedules the money's
     * return, a batch per transaction. Returns how many it gave up on.
     */
    public int expireOverdue(int limit) {
        Integer expired = transactions.execute(tx -> {
            Instant now = clock.instant();
            List<UUID> overdue = orders.lockOverdue(now, limit);
            for (UUID orderId : overdue) {
                var order = orders.payment(orderId).orElseThrow();
                compensateLocked(
                        orderId,
                        order,
                        Orders.Compensation.DEADLINE_EXCEEDED,
                        CancellationReason.DEADLINE_EXCEEDED.name(),
                        CancellationReason.DEADLINE_EXCEEDED.name(),
                        now,
                        "not ready by its deadline");
                outbox.add(new CancellationRequested(
                        UUID.randomUUID(), orderId, now, order.customerName(), CancellationReason.DEADLINE_EXCEEDED));
            }
            return overdue.size();
        });
        if (expired != null && expired > 0) {
            meters.counter("coffeeshop.orders.expired").increment(expired);
            log.info("Gave up on {} orders past their deadline", expired);
        }
        return expired == null ? 0 : expired;
    }

    /** An operator's retry of an order's parked payment actions; returns how many were made due again. */
    public int retryParkedPayment(UUID orderId) {
        orders.payment(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        Integer retried = transactions.execute(tx -> paymentActions.retryParked(orderId, clock.instant()));
        return retried == null ? 0 : retried;
    }

    private void startCompensation(
            UUID eventId,
            UUID orderId,
            Orders.Compensation compensation,
            String reason,
            String step,
            Instant at,
            String detail) {
        transactions.executeWithoutResult(tx -> {
            if (!orders.firstTimeSeen(eventId)) {
                return;
            }
            var order = orders.lockPayment(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
            if (!order.status().isOpen()) {
                log.info("Order {} is already {}, ignoring its {}", orderId, order.status(), step);
                return;
            }
            compensateLocked(orderId, order, compensation, reason, step, at, detail);
        });
    }

    /** In the caller's transaction, holding the order's row: moves it to COMPENSATING and schedules the money back. */
    private void compensateLocked(
            UUID orderId,
            Orders.Payment order,
            Orders.Compensation compensation,
            String reason,
            String step,
            Instant at,
            String detail) {
        Instant now = clock.instant();
        if (!orders.startCompensation(orderId, compensation, reason, now)) {
            return;
        }
        orders.addToTimeline(orderId, step, at, detail);
        var action = order.paymentStatus() == PaymentStatus.CAPTURED
                ? PaymentActions.Action.REFUND
                : PaymentActions.Action.VOID;
        paymentActions.schedule(orderId, action, order.paymentId(), order.totalCents(), now);
    }

    private Order replay(String key, PlaceOrder request, Orders.KeyOwner owner) {
        if (!owner.requestHash().equals(request.requestHash())) {
            throw new IdempotencyKeyReusedException(key);
        }
        return orders.find(owner.orderId()).orElseThrow();
    }
}
