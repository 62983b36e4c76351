package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PaymentRefunded;
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
 * Takes orders and payment, and compensates an order the baristas cannot make. Payment calls happen outside database
 * transactions and carry idempotency keys; each state change commits together with the event announcing it.
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

    Cashier(
            Orders orders,
            Menu menu,
            PaymentGateway payments,
            Outbox outbox,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters,
            IntakeProperties properties) {
        this.orders = orders;
        this.menu = menu;
        this.payments = payments;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.keyRetention = properties.idempotencyKeyRetention();
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
        String authorizationKey = "authorize-" + (key != null ? key : orderId);
        PaymentGateway.Authorization authorization;
        try {
            authorization = payments.authorize(request.paymentToken(), total, menu.currency(), authorizationKey);
        } catch (PaymentDeclinedException e) {
            meters.counter("coffeeshop.orders.declined", "code", e.code()).increment();
            throw e;
        }
        // PostgreSQL keeps microseconds: the answer below then matches what a later GET reads back
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean stored = Boolean.TRUE.equals(transactions.execute(tx -> {
            orders.insert(orderId, request, total, menu.currency(), authorization.paymentId(), now);
            if (key != null && !orders.claimKey(key, request.requestHash(), orderId, now, now.minus(keyRetention))) {
                tx.setRollbackOnly();
                return false;
            }
            outbox.add(new OrderPlaced(
                    UUID.randomUUID(), orderId, now, request.customerName(), request.items(), total, menu.currency()));
            return true;
        }));
        if (!stored) {
            // a concurrent retry with the same key won; its authorization is this one (same provider key)
            return replay(
                    key, request, orders.keyOwner(key, now.minus(keyRetention)).orElseThrow());
        }
        meters.counter("coffeeshop.orders.placed").increment();
        // everything the answer holds was just written: no need to read it back
        return new Order(
                orderId,
                request.customerName(),
                OrderStatus.PLACED,
                request.items(),
                total,
                menu.currency(),
                List.of(new Order.TimelineEntry(OrderStatus.PLACED.name(), now, null)));
    }

    public Order find(UUID id) {
        return orders.find(id).orElseThrow(() -> new OrderNotFoundException(id));
    }

    /** The baristas made it: the order waits at the counter. */
    public void markReady(OrderReady ready) {
        transactions.executeWithoutResult(tx -> {
            if (!orders.firstTimeSeen(ready.eventId())) {
                return;
            }
            var payment = orders.payment(ready.orderId()).orElseThrow(() -> new UnknownOrderException(ready.orderId()));
            if (orders.transition(ready.orderId(), OrderStatus.PLACED, OrderStatus.READY, clock.instant())) {
                orders.addToTimeline(ready.orderId(), OrderStatus.READY.name(), ready.occurredAt(), null);
            } else {
                log.info("Order {} is already {}, ignoring its ready", ready.orderId(), payment.status());
            }
        });
    }

    /**
     * The baristas cannot make it: refund the payment (compensation), then record the refund and announce it. The
     * refund's idempotency key is derived from the order, so a redelivered rejection never refunds twice.
     */
    public void compensate(OrderRejected rejected) {
        UUID orderId = rejected.orderId();
        var payment = orders.payment(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
        if (payment.status() != OrderStatus.PLACED) {
            log.info("Order {} is already {}, ignoring its rejection", orderId, payment.status());
            return;
        }
        var refund = payments.refund(payment.paymentId(), payment.totalCents(), "refund-" + orderId);
        transactions.executeWithoutResult(tx -> {
            if (!orders.firstTimeSeen(rejected.eventId())) {
                return;
            }
            Instant now = clock.instant();
            if (!orders.transition(orderId, OrderStatus.PLACED, OrderStatus.REFUNDED, now)) {
                return;
            }
            orders.recordRefund(orderId, refund.refundId());
            String reason = rejected.reason().name();
            orders.addToTimeline(orderId, "REJECTED", rejected.occurredAt(), reason + ": " + rejected.detail());
            orders.addToTimeline(orderId, OrderStatus.REFUNDED.name(), now, refund.refundId());
            outbox.add(new PaymentRefunded(
                    UUID.randomUUID(), orderId, now, payment.customerName(), payment.totalCents(), reason));
            meters.counter("coffeeshop.payments.refunded", "reason", reason).increment();
        });
    }

    private Order replay(String key, PlaceOrder request, Orders.KeyOwner owner) {
        if (!owner.requestHash().equals(request.requestHash())) {
            throw new IdempotencyKeyReusedException(key);
        }
        return orders.find(owner.orderId()).orElseThrow();
    }
}
