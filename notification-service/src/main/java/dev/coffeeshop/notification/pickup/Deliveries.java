package dev.coffeeshop.notification.pickup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What is left to deliver, and the append-only ledger of what was. The ledger has no unique constraint on purpose: a
 * duplicate delivery must stay visible to the reliability checks instead of being hidden by the database.
 */
@Repository
class Deliveries {

    private static final String CLAIMED = """
            RETURNING n.order_id, n.kind, n.customer_name, n.message, n.event_id, n.occurred_at, n.created_at,
                      n.delivery_attempts""";

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A notification claimed for one attempt; {@code attempt} counts this one. */
    record Claimed(Notification notification, int attempt) {}

    /**
     * Claims {@code notifications} for an attempt, in one statement, those still due: they are not due again before
     * {@code leaseUntil}, so no sweep takes them meanwhile. One delivered, or being delivered, already is left out.
     */
    List<Claimed> claim(List<Notification> notifications, Instant now, Instant leaseUntil) {
        if (notifications.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE notifications n SET next_delivery_at = :leaseUntil,
                                                   delivery_attempts = n.delivery_attempts + 1
                        FROM unnest(:orderIds::uuid[], :kinds::text[]) AS c(order_id, kind)
                        WHERE n.order_id = c.order_id AND n.kind = c.kind AND n.next_delivery_at <= :now
                        """ + CLAIMED)
                .param("leaseUntil", Timestamp.from(leaseUntil))
                .param(
                        "orderIds",
                        notifications.stream().map(Notification::orderId).toArray(UUID[]::new))
                .param("kinds", notifications.stream().map(n -> n.kind().name()).toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .query(Deliveries::claimed)
                .list();
    }

    /** Claims up to {@code limit} notifications due by {@code now}, the longest due first, skipping those held. */
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        UPDATE notifications n SET next_delivery_at = :leaseUntil,
                                                   delivery_attempts = n.delivery_attempts + 1
                        FROM (SELECT order_id, kind FROM notifications WHERE next_delivery_at <= :now
                              ORDER BY next_delivery_at LIMIT :limit FOR UPDATE SKIP LOCKED) due
                        WHERE n.order_id = due.order_id AND n.kind = due.kind
                        """ + CLAIMED)
                .param("leaseUntil", Timestamp.from(leaseUntil))
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(Deliveries::claimed)
                .list();
    }

    /** The channel took them: recorded in the ledger, and no longer due. */
    void delivered(List<Notification> notifications, String channel, Instant deliveredAt) {
        if (notifications.isEmpty()) {
            return;
        }
        UUID[] orderIds = notifications.stream().map(Notification::orderId).toArray(UUID[]::new);
        String[] kinds = notifications.stream().map(n -> n.kind().name()).toArray(String[]::new);
        jdbc.sql("""
                        INSERT INTO deliveries (order_id, kind, channel, delivered_at)
                        SELECT d.order_id, d.kind, ?, ? FROM unnest(?::uuid[], ?::text[]) AS d(order_id, kind)""")
                .params(channel, Timestamp.from(deliveredAt), orderIds, kinds)
                .update();
        jdbc.sql("""
                        UPDATE notifications n SET next_delivery_at = NULL
                        FROM unnest(?::uuid[], ?::text[]) AS d(order_id, kind)
                        WHERE n.order_id = d.order_id AND n.kind = d.kind""").params(orderIds, kinds).update();
    }

    /** The channel failed: due again at {@code retryAt}. */
    void retryAt(Notification notification, Instant retryAt) {
        jdbc.sql("UPDATE notifications SET next_delivery_at = ? WHERE order_id = ? AND kind = ?")
                .params(
                        Timestamp.from(retryAt),
                        notification.orderId(),
                        notification.kind().name())
                .update();
    }

    private static Claimed claimed(ResultSet row, int n) throws SQLException {
        return new Claimed(
                new Notification(
                        row.getObject("order_id", UUID.class),
                        NotificationKind.valueOf(row.getString("kind")),
                        row.getString("customer_name"),
                        row.getString("message"),
                        row.getObject("event_id", UUID.class),
                        row.getTimestamp("occurred_at").toInstant(),
                        row.getTimestamp("created_at").toInstant()),
                row.getInt("delivery_attempts"));
    }
}
