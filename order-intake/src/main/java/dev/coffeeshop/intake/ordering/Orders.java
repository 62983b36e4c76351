package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.LineItem;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The cashier's orders, their timelines, and what it has already acted on. */
@Repository
class Orders {

    private static final TypeReference<List<LineItem>> LINE_ITEMS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Orders(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What the saga needs to know about an order: its state, its payment and why it is being compensated. */
    record Payment(
            String paymentId,
            long totalCents,
            String currency,
            String customerName,
            OrderStatus status,
            PaymentStatus paymentStatus,
            Compensation compensation,
            String compensationReason) {}

    /** Why an order is compensated. */
    enum Compensation {
        REJECTED,
        CANCELLED,
        DEADLINE_EXCEEDED
    }

    void insert(
            UUID id,
            PlaceOrder order,
            long totalCents,
            String currency,
            String paymentId,
            PaymentStatus paymentStatus,
            Instant at,
            Instant deadline) {
        jdbc.sql("""
                        INSERT INTO orders (id, customer_name, status, items, total_cents, currency, payment_id,
                                            payment_status, placed_at, updated_at, deadline_at, callback_url)
                        VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        order.customerName(),
                        OrderStatus.PLACED.name(),
                        json.writeValueAsString(order.items()),
                        totalCents,
                        currency,
                        paymentId,
                        paymentStatus.name(),
                        Timestamp.from(at),
                        Timestamp.from(at),
                        Timestamp.from(deadline),
                        order.callbackUrl())
                .update();
        addToTimeline(id, OrderStatus.PLACED.name(), at, null);
    }

    /**
     * Moves an open order to COMPENSATING and says why; false if it is no longer open (made, or compensated before).
     */
    boolean startCompensation(UUID id, Compensation compensation, String reason, Instant at) {
        return jdbc.sql("""
                                UPDATE orders SET status = 'COMPENSATING', compensation = ?, compensation_reason = ?,
                                                  updated_at = ?
                                WHERE id = ? AND status IN ('PLACED', 'CANCEL_REQUESTED')""")
                        .params(compensation.name(), reason, Timestamp.from(at), id)
                        .update()
                == 1;
    }

    /** Ends a compensation the provider confirmed; false if it had ended before. */
    boolean finishCompensation(UUID id, OrderStatus to, PaymentStatus paymentStatus, String refundId, Instant at) {
        return jdbc.sql("""
                                UPDATE orders SET status = ?, payment_status = ?, refund_id = ?, updated_at = ?
                                WHERE id = ? AND status = 'COMPENSATING'""")
                        .params(to.name(), paymentStatus.name(), refundId, Timestamp.from(at), id)
                        .update()
                == 1;
    }

    void recordPaymentStatus(List<UUID> ids, PaymentStatus paymentStatus) {
        jdbc.sql("UPDATE orders SET payment_status = ? WHERE id = ANY (?)")
                .params(paymentStatus.name(), ids.toArray(UUID[]::new))
                .update();
    }

    void recordPaymentStatus(UUID id, PaymentStatus paymentStatus) {
        jdbc.sql("UPDATE orders SET payment_status = ? WHERE id = ?")
                .params(paymentStatus.name(), id)
                .update();
    }

    /** Records that a drink turned up after the order was compensated; false if one had been written off already. */
    boolean writeOff(UUID id, Instant at) {
        return jdbc.sql("UPDATE orders SET written_off_at = ? WHERE id = ? AND written_off_at IS NULL")
                        .params(Timestamp.from(at), id)
                        .update()
                == 1;
    }

    /** Locks up to {@code limit} open orders whose deadline has passed, skipping those another instance holds. */
    List<UUID> lockOverdue(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT id FROM orders
                        WHERE status IN ('PLACED', 'CANCEL_REQUESTED') AND deadline_at <= ?
                        ORDER BY deadline_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(Timestamp.from(now), limit)
                .query(UUID.class)
                .list();
    }

    /** Moves an order forward if it is still where the caller expects; false if it already moved on. */
    boolean transition(UUID id, OrderStatus from, OrderStatus to, Instant at) {
        if (!from.canMoveTo(to)) {
            throw new IllegalArgumentException(from + " cannot become " + to);
        }
        return jdbc.sql("UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?")
                        .params(to.name(), Timestamp.from(at), id, from.name())
                        .update()
                == 1;
    }

    void addToTimeline(UUID id, String status, Instant at, String detail) {
        jdbc.sql("INSERT INTO order_timeline (order_id, status, at, detail) VALUES (?, ?, ?, ?)")
                .params(id, status, Timestamp.from(at), detail)
                .update();
    }

    Optional<Payment> payment(UUID id) {
        return payment(id, "");
    }

    /** The order's row, locked until the transaction ends, so deciding on its state and changing it are one step. */
    Optional<Payment> lockPayment(UUID id) {
        return payment(id, " FOR UPDATE");
    }

    private Optional<Payment> payment(UUID id, String locking) {
        return jdbc.sql("""
                        SELECT payment_id, total_cents, currency, customer_name, status, payment_status, compensation,
                               compensation_reason
                        FROM orders WHERE id = ?""" + locking)
                .param(id)
                .query((rs, n) -> new Payment(
                        rs.getString("payment_id"),
                        rs.getLong("total_cents"),
                        rs.getString("currency"),
                        rs.getString("customer_name"),
                        OrderStatus.valueOf(rs.getString("status")),
                        PaymentStatus.valueOf(rs.getString("payment_status")),
                        rs.getString("compensation") == null
                                ? null
                                : Compensation.valueOf(rs.getString("compensation")),
                        rs.getString("compensation_reason")))
                .optional();
    }

    /** One snapshot: a concurrent transition shows in both the status and the timeline, or in neither. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Optional<Order> find(UUID id) {
        var timeline = jdbc.sql("SELECT status, at, detail FROM order_timeline WHERE order_id = ? ORDER BY id")
                .param(id)
                .query((rs, n) -> new Order.TimelineEntry(
                        rs.getString("status"), rs.getTimestamp("at").toInstant(), rs.getString("detail")))
                .list();
        return jdbc.sql("""
                        SELECT customer_name, status, payment_status, items, total_cents, currency, deadline_at
                        FROM orders WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new Order(
                        id,
                        rs.getString("customer_name"),
                        OrderStatus.valueOf(rs.getString("status")),
                        PaymentStatus.valueOf(rs.getString("payment_status")),
                        json.readValue(rs.getString("items"), LINE_ITEMS),
                        rs.getLong("total_cents"),
                        rs.getString("currency"),
                        rs.getTimestamp("deadline_at").toInstant(),
                        timeline))
                .optional();
    }

    /**
     * Claims an idempotency key for an order; false if another request holds it already. A key created before
     * {@code notBefore} has expired: it is taken over as if it had never been claimed.
     */
    boolean claimKey(String key, String requestHash, UUID orderId, Instant at, Instant notBefore) {
        return jdbc.sql("""
                                INSERT INTO idempotency_keys AS k (key, request_hash, order_id, created_at)
                                VALUES (?, ?, ?, ?)
                                ON CONFLICT (key) DO UPDATE
                                SET request_hash = excluded.request_hash, order_id = excluded.order_id,
                                    created_at = excluded.created_at
                                WHERE k.created_at < ?""")
                        .params(key, requestHash, orderId, Timestamp.from(at), Timestamp.from(notBefore))
                        .update()
                == 1;
    }

    record KeyOwner(String requestHash, UUID orderId) {}

    /** The order that holds a key, unless the key was created before {@code notBefore} and has expired. */
    Optional<KeyOwner> keyOwner(String key, Instant notBefore) {
        return jdbc.sql("SELECT request_hash, order_id FROM idempotency_keys WHERE key = ? AND created_at >= ?")
                .params(key, Timestamp.from(notBefore))
                .query((rs, n) -> new KeyOwner(rs.getString("request_hash"), rs.getObject("order_id", UUID.class)))
                .optional();
    }

    /** Deletes at most {@code limit} keys created before {@code cutoff}; returns how many it deleted. */
    int deleteKeysCreatedBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                        DELETE FROM idempotency_keys WHERE key IN (
                            SELECT key FROM idempotency_keys WHERE created_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)""").params(Timestamp.from(cutoff), limit).update();
    }

    /** An order as operators look at it: where it stands and since when. */
    record Standing(
            UUID id,
            OrderStatus status,
            PaymentStatus payment,
            String compensation,
            Instant placedAt,
            Instant updatedAt,
            Instant deadline) {}

    Optional<Standing> standing(UUID id) {
        return jdbc.sql("""
                        SELECT id, status, payment_status, compensation, placed_at, updated_at, deadline_at
                        FROM orders WHERE id = ?""").param(id).query((rs, n) -> standing(rs)).optional();
    }

    private static Standing standing(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Standing(
                rs.getObject("id", UUID.class),
                OrderStatus.valueOf(rs.getString("status")),
                PaymentStatus.valueOf(rs.getString("payment_status")),
                rs.getString("compensation"),
                rs.getTimestamp("placed_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getTimestamp("deadline_at").toInstant());
    }

    /** Orders in one of {@code statuses} that have not moved since before {@code unchangedSince}, oldest first. */
    List<Standing> unchangedSince(List<OrderStatus> statuses, Instant unchangedSince, int limit) {
        return jdbc.sql("""
                        SELECT id, status, payment_status, compensation, placed_at, updated_at, deadline_at
                        FROM orders WHERE status = ANY (?) AND updated_at < ? ORDER BY updated_at LIMIT ?""")
                .params(statuses.stream().map(Enum::name).toArray(String[]::new), Timestamp.from(unchangedSince), limit)
                .query((rs, n) -> standing(rs))
                .list();
    }

    /** Records that an event was acted on; false if it had been already (a redelivery or a duplicate). */
    boolean firstTimeSeen(UUID eventId) {
        return jdbc.sql("INSERT INTO processed_events (event_id) VALUES (?) ON CONFLICT DO NOTHING")
                        .param(eventId)
                        .update()
                == 1;
    }
}
