package dev.coffeeshop.notification.pickup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notifications table: the primary key (order, kind) is what makes each notification happen once. */
@Repository
class Notifications {

    private final JdbcClient jdbc;

    Notifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores {@code notification}, due for delivery at once, unless the order already has one of its kind; true when it
     * was stored.
     */
    boolean add(Notification notification) {
        return jdbc.sql("""
                        INSERT INTO notifications
                            (order_id, kind, customer_name, message, event_id, occurred_at, created_at,
                             next_delivery_at)
                        VALUES (:orderId, :kind, :customerName, :message, :eventId, :occurredAt, :createdAt,
                                :createdAt)
                        ON CONFLICT (order_id, kind) DO NOTHING
                        """)
                        .param("orderId", notification.orderId())
                        .param("kind", notification.kind().name())
                        .param("customerName", notification.customerName())
                        .param("message", notification.message())
                        .param("eventId", notification.eventId())
                        .param("occurredAt", Timestamp.from(notification.occurredAt()))
                        .param("createdAt", Timestamp.from(notification.createdAt()))
                        .update()
                == 1;
    }

    /** Records whose order it is; the first owner named stays. */
    void owner(UUID orderId, String owner, Instant at) {
        jdbc.sql("""
                        INSERT INTO order_owners (order_id, owner, created_at) VALUES (?, ?, ?)
                        ON CONFLICT (order_id) DO NOTHING""").params(orderId, owner, Timestamp.from(at)).update();
    }

    /** Whose order it is, once its placement has reached this service. */
    Optional<String> ownerOf(UUID orderId) {
        return jdbc.sql("SELECT owner FROM order_owners WHERE order_id = ?")
                .param(orderId)
                .query(String.class)
                .optional();
    }

    /** An order's notifications in the order the customer's story unfolds. */
    List<Notification> of(UUID orderId) {
        return jdbc.sql("""
                        SELECT order_id, kind, customer_name, message, event_id, occurred_at, created_at
                        FROM notifications WHERE order_id = ?
                        """).param(orderId).query(Notifications::notification).list().stream()
                .sorted(Comparator.comparing(Notification::kind))
                .toList();
    }

    private static Notification notification(ResultSet row, int rowNum) throws SQLException {
        return new Notification(
                row.getObject("order_id", UUID.class),
                NotificationKind.valueOf(row.getString("kind")),
                row.getString("customer_name"),
                row.getString("message"),
                row.getObject("event_id", UUID.class),
                row.getTimestamp("occurred_at").toInstant(),
                row.getTimestamp("created_at").toInstant());
    }
}
