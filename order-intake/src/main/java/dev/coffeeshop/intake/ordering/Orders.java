package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderPlaced;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The cashier's orders and their timelines, stored as {@link Order} decides, and the idempotency keys of requests. */
@Repository
class Orders {

    private static final TypeReference<List<LineItem>> LINE_ITEMS = new TypeReference<>() {};

    /** The open statuses as SQL literals, so the partial index on open orders' deadlines serves the query. */
    private static final String OPEN =
            OrderStatus.open().stream().map(status -> "'" + status.name() + "'").collect(Collectors.joining(", "));

    private static final String ORDER_COLUMNS = """
            id, customer_name, total_cents, currency, payment_id, deadline_at, status, payment_status, compensation,
            compensation_reason, refund_id, written_off_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Orders(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The order's row, locked until the transaction ends, so deciding on its state and changing it are one step. */
    Optional<Order> lock(UUID id) {
        return jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = ? FOR UPDATE")
                .param(id)
                .query(Orders::order)
                .optional();
    }

    /** The rows of {@code ids} that exist, locked in id order (the order every batch takes), by id. */
    Map<UUID, Order> lock(Collection<UUID> ids) {
        return jdbc
                .sql("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = ANY (?) ORDER BY id FOR UPDATE")
                .param(ids.toArray(UUID[]::new))
                .query(Orders::order)
                .stream()
                .collect(Collectors.toMap(Order::id, Function.identity()));
    }

    /** Locks up to {@code limit} open orders whose deadline has passed, skipping those another instance holds. */
    List<Order> lockOverdue(Instant now, int limit) {
        return jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM orders WHERE status IN (" + OPEN + ") AND deadline_at <= ?"
                        + " ORDER BY deadline_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(Timestamp.from(now), limit)
                .query(Orders::order)
                .list();
    }

    /** Stores a new order as its {@link OrderPlaced} announces it. */
    void insert(Order order, OrderPlaced placed) {
        jdbc.sql("""
                        INSERT INTO orders (id, customer_name, status, items, total_cents, currency, payment_id,
                                            payment_status, placed_at, updated_at, deadline_at, callback_url, owner)
                        VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        order.id(),
                        order.customerName(),
                        order.status().name(),
                        json.writeValueAsString(placed.items()),
                        order.totalCents(),
                        order.currency(),
                        order.paymentId(),
                        order.payment().name(),
                        Timestamp.from(placed.occurredAt()),
                        Timestamp.from(placed.occurredAt()),
                        Timestamp.from(order.deadline()),
                        placed.callbackUrl(),
                        placed.customer())
                .update();
    }

    /**
     * Writes what changed in each order, in one statement, guarded by the status it leaves: an order that is no longer
     * where its decision found it fails the whole write. {@code updated_at} says when the status last changed.
     */
    void update(List<Decision.Change> changes, Instant at) {
        int n = changes.size();
        var ids = new UUID[n];
        var from = new String[n];
        var to = new String[n];
        var payments = new String[n];
        var compensations = new String[n];
        var reasons = new String[n];
        var refunds = new String[n];
        var writtenOff = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Order before = changes.get(i).before();
            Order after = changes.get(i).order();
            if (before == null) {
                throw new IllegalArgumentException("order " + after.id() + " is new: insert it");
            }
            ids[i] = after.id();
            from[i] = before.status().name();
            to[i] = after.status().name();
            payments[i] = after.payment().name();
            compensations[i] =
                    after.compensation() == null ? null : after.compensation().name();
            reasons[i] = after.compensationReason();
            refunds[i] = after.refundId();
            writtenOff[i] = after.writtenOff();
        }
        int updated = jdbc.sql("""
                        UPDATE orders o
                        SET status = c.status, payment_status = c.payment_status, compensation = c.compensation,
                            compensation_reason = c.reason, refund_id = c.refund_id,
                            written_off_at = CASE WHEN c.written_off THEN coalesce(o.written_off_at, :at) END,
                            updated_at = CASE WHEN o.status = c.status THEN o.updated_at ELSE :at END
                        FROM unnest(:ids::uuid[], :from::text[], :to::text[], :payments::text[], :compensations::text[],
                                    :reasons::text[], :refunds::text[], :writtenOff::boolean[])
                             AS c (id, expected, status, payment_status, compensation, reason, refund_id, written_off)
                        WHERE o.id = c.id AND o.status = c.expected""")
                .param("at", Timestamp.from(at))
                .param("ids", ids)
                .param("from", from)
                .param("to", to)
                .param("payments", payments)
                .param("compensations", compensations)
                .param("reasons", reasons)
                .param("refunds", refunds)
                .param("writtenOff", writtenOff)
                .update();
        if (updated != n) {
            throw new IllegalStateException(
                    (n - updated) + " of " + n + " orders moved on while their decisions were made");
        }
    }

    /** Appends to the orders' timelines, in the given order, in one statement. */
    void addToTimelines(List<UUID> orderIds, List<TimelineEntry> entries) {
        jdbc.sql("""
                        INSERT INTO order_timeline (order_id, status, at, detail)
                        SELECT * FROM unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::text[])""")
                .params(
                        orderIds.toArray(UUID[]::new),
                        entries.stream().map(e -> e.step().name()).toArray(String[]::new),
                        // as text: the driver binds arrays of strings, and PostgreSQL reads ISO-8601 instants exactly
                        entries.stream().map(e -> e.at().toString()).toArray(String[]::new),
                        entries.stream().map(TimelineEntry::detail).toArray(String[]::new))
                .update();
    }

    /** One snapshot: a concurrent transition shows in both the status and the timeline, or in neither. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    Optional<OrderView> find(UUID id) {
        var timeline = jdbc.sql("SELECT status, at, detail FROM order_timeline WHERE order_id = ? ORDER BY id")
                .param(id)
                .query((rs, n) -> new OrderView.Step(
                        rs.getString("status"), rs.getTimestamp("at").toInstant(), rs.getString("detail")))
                .list();
        return jdbc.sql("""
                        SELECT owner, customer_name, status, payment_status, items, total_cents, currency, deadline_at
                        FROM orders WHERE id = ?""")
                .param(id)
                .query((rs, n) -> new OrderView(
                        id,
                        rs.getString("owner"),
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

    /** The payment id of an order, if it exists. */
    Optional<String> paymentId(UUID id) {
        return jdbc.sql("SELECT payment_id FROM orders WHERE id = ?")
                .param(id)
                .query(String.class)
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
            @Nullable String compensation,
            Instant placedAt,
            Instant updatedAt,
            Instant deadline) {}

    Optional<Standing> standing(UUID id) {
        return jdbc.sql("""
                        SELECT id, status, payment_status, compensation, placed_at, updated_at, deadline_at
                        FROM orders WHERE id = ?""").param(id).query((rs, n) -> standing(rs)).optional();
    }

    private static Standing standing(ResultSet rs) throws SQLException {
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

    private static Order order(ResultSet rs, int row) throws SQLException {
        String compensation = rs.getString("compensation");
        return new Order(
                rs.getObject("id", UUID.class),
                rs.getString("customer_name"),
                rs.getLong("total_cents"),
                rs.getString("currency"),
                rs.getString("payment_id"),
                rs.getTimestamp("deadline_at").toInstant(),
                OrderStatus.valueOf(rs.getString("status")),
                PaymentStatus.valueOf(rs.getString("payment_status")),
                compensation == null ? null : Compensation.valueOf(compensation),
                rs.getString("compensation_reason"),
                rs.getString("refund_id"),
                rs.getTimestamp("written_off_at") != null);
    }
}
