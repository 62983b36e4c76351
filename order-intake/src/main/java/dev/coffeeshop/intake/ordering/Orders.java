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

    /** The payment and amount behind an order, for refunds. */
    record Payment(String paymentId, long totalCents, String currency, String customerName, OrderStatus status) {}

    void insert(UUID id, PlaceOrder order, long totalCents, String currency, String paymentId, Instant at) {
        jdbc.sql("""
                        INSERT INTO orders (id, customer_name, status, items, total_cents, currency, payment_id,
                                            placed_at, updated_at)
                        VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        order.customerName(),
                        OrderStatus.PLACED.name(),
                        json.writeValueAsString(order.items()),
                        totalCents,
                        currency,
                        paymentId,
                        Timestamp.from(at),
                        Timestamp.from(at))
                .update();
        addToTimeline(id, OrderStatus.PLACED.name(), at, null);
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

    void recordRefund(UUID id, String refundId) {
        jdbc.sql("UPDATE orders SET refund_id = ? WHERE id = ?")
                .params(refundId, id)
                .update();
    }

    void addToTimeline(UUID id, String status, Instant at, String detail) {
        jdbc.sql("INSERT INTO order_timeline (order_id, status, at, detail) VALUES (?, ?, ?, ?)")
                .params(id, status, Timestamp.from(at), detail)
                .update();
    }

    Optional<Payment> payment(UUID id) {
        return jdbc.sql("SELECT payment_id, total_cents, currency, customer_name, status FROM orders WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Payment(
                        rs.getString("payment_id"),
                        rs.getLong("total_cents"),
                        rs.getString("currency"),
                        rs.getString("customer_name"),
                        OrderStatus.valueOf(rs.getString("status"))))
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
        return jdbc.sql("SELECT customer_name, status, items, total_cents, currency FROM orders WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Order(
                        id,
                        rs.getString("customer_name"),
                        OrderStatus.valueOf(rs.getString("status")),
                        json.readValue(rs.getString("items"), LINE_ITEMS),
                        rs.getLong("total_cents"),
                        rs.getString("currency"),
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

    /** Records that an event was acted on; false if it had been already (a redelivery or a duplicate). */
    boolean firstTimeSeen(UUID eventId) {
        return jdbc.sql("INSERT INTO processed_events (event_id) VALUES (?) ON CONFLICT DO NOTHING")
                        .param(eventId)
                        .update()
                == 1;
    }
}
