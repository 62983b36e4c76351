package dev.coffeeshop.notification.timeline;

import dev.coffeeshop.messaging.staff.OrderTimeline;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the pickup counter's tables hold about one order, as timeline entries in the order they happened. It reads the
 * notifications, their deliveries and the webhook deliveries directly: a view for staff that changes nothing, so
 * neither the counter nor the webhooks open their classes for it.
 */
@Repository
class CounterRecords {

    static final String SERVICE = "notification-service";

    private final JdbcClient jdbc;

    CounterRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The order's entries, oldest first; empty when the counter never heard of it. */
    List<OrderTimeline.Entry> of(UUID orderId) {
        var entries = new ArrayList<OrderTimeline.Entry>();
        entries.addAll(jdbc.sql("""
                        SELECT n.kind, n.message, n.created_at, n.next_delivery_at, n.delivery_attempts,
                               (SELECT string_agg(d.channel, ', ' ORDER BY d.id) FROM deliveries d
                                WHERE d.order_id = n.order_id AND d.kind = n.kind) AS channels
                        FROM notifications n WHERE n.order_id = ?""").param(orderId).query((rs, n) -> told(rs)).list());
        jdbc.sql("""
                        SELECT kind, url, status, attempts, next_attempt_at, last_error, created_at, updated_at,
                               delivered_at
                        FROM webhook_deliveries WHERE order_id = ?""").param(orderId).query((rs, n) -> webhook(rs)).list().forEach(entries::addAll);
        entries.sort(Comparator.comparing(OrderTimeline.Entry::at));
        return List.copyOf(entries);
    }

    /** A notification, and whether the channel took it. */
    private static OrderTimeline.Entry told(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        String channels = rs.getString("channels");
        Timestamp due = rs.getTimestamp("next_delivery_at");
        int attempts = rs.getInt("delivery_attempts");
        String detail;
        if (channels != null) {
            detail = "delivered through " + channels;
        } else if (due != null) {
            detail = "not delivered yet: " + attempts + " failed attempts, next at " + due.toInstant();
        } else {
            detail = null;
        }
        return entry(
                rs.getTimestamp("created_at"),
                "NOTIFIED_" + kind,
                "Told the customer (" + kind + "): " + rs.getString("message"),
                detail);
    }

    /** A webhook delivery: when it was owed, and how its attempts went. */
    private static List<OrderTimeline.Entry> webhook(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        String to = withoutQuery(rs.getString("url"));
        int attempts = rs.getInt("attempts");
        String tries = attempts + (attempts == 1 ? " attempt" : " attempts");
        var entries = new ArrayList<OrderTimeline.Entry>();
        entries.add(entry(rs.getTimestamp("created_at"), "WEBHOOK_OWED", "Webhook " + kind + " owed to " + to, null));
        switch (rs.getString("status")) {
            case "DELIVERED" ->
                entries.add(entry(
                        rs.getTimestamp("delivered_at"),
                        "WEBHOOK_DELIVERED",
                        "Webhook " + kind + " delivered after " + tries,
                        null));
            case "PARKED" ->
                entries.add(entry(
                        rs.getTimestamp("updated_at"),
                        "WEBHOOK_PARKED",
                        "Webhook " + kind + " parked for staff after " + tries,
                        rs.getString("last_error")));
            default -> {
                if (attempts > 0 || rs.getString("last_error") != null) {
                    entries.add(entry(
                            rs.getTimestamp("updated_at"),
                            "WEBHOOK_RETRYING",
                            "Webhook " + kind + " not delivered yet after " + tries + ", next at "
                                    + rs.getTimestamp("next_attempt_at").toInstant(),
                            rs.getString("last_error")));
                }
            }
        }
        return entries;
    }

    /** Where a webhook goes, without a query or user info that might carry a receiver's secret. */
    private static String withoutQuery(String url) {
        try {
            URI uri = new URI(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "an unreadable URL";
        }
    }

    private static OrderTimeline.Entry entry(Timestamp at, String step, String summary, @Nullable String detail) {
        return new OrderTimeline.Entry(at.toInstant(), SERVICE, step, summary, detail);
    }
}
