package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.RejectionReason;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The preparation log and the record of processed events. Every status change is guarded by the status it leaves, so
 * a late or duplicated attempt changes nothing.
 */
@Repository
class Preparations {

    enum Status {
        IN_PREPARATION,
        READY,
        REJECTED;

        boolean terminal() {
            return this != IN_PREPARATION;
        }
    }

    private final JdbcClient jdbc;

    Preparations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Starts preparing {@code order}; false when a preparation of that order already exists, in whatever state. */
    boolean start(OrderPlaced order, long drinks) {
        return jdbc.sql("""
                        INSERT INTO preparations (order_id, customer_name, drinks, status, started_at)
                        VALUES (?, ?, ?, 'IN_PREPARATION', now())
                        ON CONFLICT (order_id) DO NOTHING""")
                        .params(order.orderId(), order.customerName(), drinks)
                        .update()
                == 1;
    }

    Optional<Status> status(UUID orderId) {
        return jdbc.sql("SELECT status FROM preparations WHERE order_id = ?")
                .param(orderId)
                .query((rs, n) -> Status.valueOf(rs.getString("status")))
                .optional();
    }

    /** IN_PREPARATION to READY; false when someone else already finished or rejected it. */
    boolean finish(UUID orderId) {
        return jdbc.sql("""
                        UPDATE preparations SET status = 'READY', finished_at = now()
                        WHERE order_id = ? AND status = 'IN_PREPARATION'""").param(orderId).update() == 1;
    }

    /** Records in the counter's append-only ledger that the drinks of an order were handed over. */
    void recordHandover(UUID orderId, long drinks) {
        jdbc.sql("INSERT INTO handovers (order_id, drinks) VALUES (?, ?)")
                .params(orderId, drinks)
                .update();
    }

    /** IN_PREPARATION to REJECTED; false when someone else already finished or rejected it. */
    boolean reject(UUID orderId, RejectionReason reason, String detail) {
        return jdbc.sql("""
                        UPDATE preparations SET status = 'REJECTED', reason = ?, detail = ?, finished_at = now()
                        WHERE order_id = ? AND status = 'IN_PREPARATION'""").params(reason.name(), detail, orderId).update() == 1;
    }

    boolean processed(UUID eventId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM processed_events WHERE event_id = ?)")
                .param(eventId)
                .query(Boolean.class)
                .single();
    }

    void markProcessed(UUID eventId) {
        jdbc.sql("INSERT INTO processed_events (event_id) VALUES (?) ON CONFLICT (event_id) DO NOTHING")
                .param(eventId)
                .update();
    }
}
