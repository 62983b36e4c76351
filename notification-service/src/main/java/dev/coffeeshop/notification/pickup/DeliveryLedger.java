package dev.coffeeshop.notification.pickup;

import dev.coffeeshop.messaging.staff.LedgerPage;
import dev.coffeeshop.messaging.staff.LedgerQuery;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger of deliveries as staff read it: every notification delivered, in the order delivered. The ledger has no
 * unique constraint, so a notification delivered twice would show here twice. Read-only.
 */
@Repository
class DeliveryLedger {

    private final JdbcClient jdbc;

    DeliveryLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A notification of {@code kind} delivered through {@code channel}; {@code sequence} is the ledger's numbering. */
    record Delivery(UUID orderId, NotificationKind kind, String channel, Instant deliveredAt, long sequence) {}

    /** One page of the deliveries at or after {@code query.since()}. */
    LedgerPage<Delivery> deliveredSince(LedgerQuery query) {
        List<Delivery> deliveries = jdbc.sql("""
                        SELECT id, order_id, kind, channel, delivered_at FROM deliveries
                        WHERE delivered_at >= ? AND id > ?
                        ORDER BY id
                        LIMIT ?""")
                .params(Timestamp.from(query.since()), query.afterSequence().orElse(0), query.limit() + 1)
                .query((rs, n) -> new Delivery(
                        rs.getObject("order_id", UUID.class),
                        NotificationKind.valueOf(rs.getString("kind")),
                        rs.getString("channel"),
                        rs.getTimestamp("delivered_at").toInstant(),
                        rs.getLong("id")))
                .list();
        return LedgerPage.of(deliveries, query.limit(), delivery -> Long.toString(delivery.sequence()));
    }
}
