package dev.coffeeshop.notification.webhooks;

import dev.coffeeshop.messaging.tracing.Traceparents;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook outbox: callbacks the customers asked for and the deliveries owed to them. Everything here runs in the
 * caller's transaction, so a delivery is written together with the notification (or callback) it tells about, and
 * with the trace context of the span it was owed in (the record's, {@link Traceparents}), which the courier continues.
 */
@Repository
public class Webhooks {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Traceparents traces;
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    Webhooks(JdbcClient jdbc, Clock clock, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this(jdbc, clock, Traceparents.of(tracer, propagator));
    }

    Webhooks(JdbcClient jdbc, Clock clock, Traceparents traces) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.traces = traces;
    }

    /**
     * Serialises the transactions about one order until they end: the notification from one topic and the callback
     * URL from another then never miss each other, whichever commits first.
     */
    public void lockOrder(UUID orderId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)")
                .param(lockKey(orderId))
                .query((rs, n) -> 1)
                .list();
    }

    /**
     * {@link #lockOrder} for several orders at once, in the order of their lock keys, so that two transactions taking
     * overlapping sets of orders never wait for each other in a circle.
     */
    public void lockOrders(Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return;
        }
        Long[] keys =
                orderIds.stream().map(Webhooks::lockKey).distinct().sorted().toArray(Long[]::new);
        jdbc.sql("SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest(?::bigint[]) k ORDER BY k) ordered")
                .param(keys)
                .query((rs, n) -> 1)
                .list();
    }

    private static long lockKey(UUID orderId) {
        return orderId.getMostSignificantBits() ^ orderId.getLeastSignificantBits();
    }

    /** The customer gave a callback URL: owes them every notification of the order so far, and those to come. */
    public void callbackRequested(UUID orderId, String url, List<WebhookNotice> toldSoFar) {
        jdbc.sql("INSERT INTO order_callbacks (order_id, url, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(orderId, url, Timestamp.from(clock.instant()))
                .update();
        toldSoFar.forEach(this::told);
    }

    /** A notification was created: owes it to the order's callback, if the order has one and not already. */
    public void told(WebhookNotice notice) {
        UUID deliveryId = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        INSERT INTO webhook_deliveries
                            (id, order_id, kind, url, payload, status, next_attempt_at, created_at, updated_at,
                             traceparent)
                        SELECT ?, c.order_id, ?, c.url, ?, 'PENDING', ?, ?, ?, ?::text
                        FROM order_callbacks c WHERE c.order_id = ?
                        ON CONFLICT (order_id, kind) DO NOTHING""")
                .params(
                        deliveryId,
                        notice.kind(),
                        payload(deliveryId, notice),
                        now,
                        now,
                        now,
                        traces.current(),
                        notice.orderId())
                .update();
    }

    /**
     * Claims up to {@code limit} due deliveries for one attempt each: they are not due again before
     * {@code leaseUntil}, so a courier that dies mid-way leaves them to the next.
     */
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries d SET next_attempt_at = ?, updated_at = ?
                        FROM (SELECT id FROM webhook_deliveries
                              WHERE status = 'PENDING' AND next_attempt_at <= ?
                              ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due
                        WHERE d.id = due.id
                        RETURNING d.id, d.order_id, d.kind, d.url, d.payload, d.attempts, d.traceparent""")
                .params(Timestamp.from(leaseUntil), Timestamp.from(now), Timestamp.from(now), limit)
                .query((rs, n) -> new Claimed(
                        rs.getObject("id", UUID.class),
                        rs.getObject("order_id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("url"),
                        rs.getString("payload").getBytes(StandardCharsets.UTF_8),
                        rs.getInt("attempts"),
                        rs.getString("traceparent")))
                .list();
    }

    void delivered(UUID id, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = attempts + 1, last_error = NULL,
                            delivered_at = ?, updated_at = ?
                        WHERE id = ? AND status = 'PENDING'""").params(Timestamp.from(now), Timestamp.from(now), id).update();
    }

    void retryAt(UUID id, String error, Instant next, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                            updated_at = ?
                        WHERE id = ? AND status = 'PENDING'""")
                .params(error, Timestamp.from(next), Timestamp.from(now), id)
                .update();
    }

    /** Not attempted (the destination's breaker is open): due again at {@code next}, the attempt not counted. */
    void deferTo(UUID id, String reason, Instant next, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_deliveries SET last_error = ?, next_attempt_at = ?, updated_at = ?
                        WHERE id = ? AND status = 'PENDING'""")
                .params(reason, Timestamp.from(next), Timestamp.from(now), id)
                .update();
    }

    void park(UUID id, String error, boolean attempted, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_deliveries SET status = 'PARKED', attempts = attempts + ?, last_error = ?,
                            updated_at = ?
                        WHERE id = ? AND status = 'PENDING'""").params(attempted ? 1 : 0, error, Timestamp.from(now), id).update();
    }

    /** Staff redeliver a parked delivery: due now, its attempts reset, its delivery id kept. False unless parked. */
    boolean redeliver(UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_deliveries SET status = 'PENDING', attempts = 0, next_attempt_at = ?,
                            updated_at = ?
                        WHERE id = ? AND status = 'PARKED'""")
                        .params(Timestamp.from(now), Timestamp.from(now), id)
                        .update()
                == 1;
    }

    List<Delivery> parked(int limit) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE status = 'PARKED' ORDER BY updated_at LIMIT ?")
                .param(limit)
                .query(Webhooks::delivery)
                .list();
    }

    List<Delivery> ofOrder(UUID orderId) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE order_id = ? ORDER BY created_at")
                .param(orderId)
                .query(Webhooks::delivery)
                .list();
    }

    private String payload(UUID deliveryId, WebhookNotice notice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", deliveryId.toString());
        body.put("orderId", notice.orderId().toString());
        body.put("kind", notice.kind());
        body.put("customerName", notice.customerName());
        body.put("message", notice.message());
        body.put("occurredAt", notice.occurredAt().toString());
        body.put("createdAt", notice.createdAt().toString());
        return json.writeValueAsString(body);
    }

    private static Delivery delivery(ResultSet row, int n) throws SQLException {
        Timestamp delivered = row.getTimestamp("delivered_at");
        return new Delivery(
                row.getObject("id", UUID.class),
                row.getObject("order_id", UUID.class),
                row.getString("kind"),
                row.getString("url"),
                row.getString("status"),
                row.getInt("attempts"),
                row.getTimestamp("next_attempt_at").toInstant(),
                row.getString("last_error"),
                row.getTimestamp("created_at").toInstant(),
                delivered == null ? null : delivered.toInstant());
    }

    /** A delivery claimed for one attempt. */
    record Claimed(
            UUID id,
            UUID orderId,
            String kind,
            String url,
            byte[] payload,
            int attempts,
            @Nullable String traceparent) {}

    /** A delivery as staff see it. */
    record Delivery(
            UUID id,
            UUID orderId,
            String kind,
            String url,
            String status,
            int attempts,
            Instant nextAttemptAt,
            @Nullable String lastError,
            Instant createdAt,
            @Nullable Instant deliveredAt) {}
}
