package dev.coffeeshop.notification.pickup;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only ledger of deliveries. It has no unique constraint on purpose: a duplicate delivery must stay
 * visible to the reliability checks instead of being hidden by the database.
 */
@Repository
class Deliveries {

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Notification notification, String channel, Instant deliveredAt) {
        jdbc.sql("INSERT INTO deliveries (order_id, kind, channel, delivered_at) VALUES (?, ?, ?, ?)")
                .params(notification.orderId(), notification.kind().name(), channel, Timestamp.from(deliveredAt))
                .update();
    }
}
