package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.events.CancellationReason;
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
        REJECTED,
        /** Stopped before a barista picked it up; a tombstone row, never started, holding no reservation. */
        CANCELLED;

        boolean terminal() {
            return this != IN_PREPARATION;
        }
    }

    /** A preparation's state, with the reason for a REJECTED or CANCELLED one. */
    record State(Status status, String reason) {}

    /** The barista's answer to a cancellation. */
    enum Answer {
        CANCELLED,
        REFUSED
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

    /**
     * Records {@code orderId} as CANCELLED before a barista picked it up: inserts the tombstone unless a preparation of
     * that order already exists. False when one does. Races with {@link #start} on the primary key, so exactly one of
     * them writes the row; the loser waits for the winner's transaction and then finds the row.
     */
    boolean cancelBeforeStart(UUID orderId, String customerName, CancellationReason reason) {
        return jdbc.sql("""
                        INSERT INTO preparations (order_id, customer_name, drinks, status, reason, detail, finished_at)
                        VALUES (?, ?, 0, 'CANCELLED', ?, 'cancelled before it was started', now())
                        ON CONFLICT (order_id) DO NOTHING""").params(orderId, customerName, reason.name()).update() == 1;
    }

    /**
     * The state of an existing preparation, locked until the transaction ends: a handover waits until the caller's
     * answer is recorded, so answer and outcome reach the topic in the order they happened.
     */
    State lock(UUID orderId) {
        return jdbc.sql("SELECT status, reason FROM preparations WHERE order_id = ? FOR UPDATE")
                .param(orderId)
                .query((rs, n) -> new State(Status.valueOf(rs.getString("status")), rs.getString("reason")))
                .single();
    }

    /**
     * Records the answer to a cancellation of {@code orderId} for {@code reason}; false when a cancellation of the
     * order for that reason was answered before, and must not be answered again.
     */
    boolean answer(UUID orderId, CancellationReason reason, Answer answer, String detail) {
        return jdbc.sql("""
                        INSERT INTO cancellations (order_id, reason, answer, detail) VALUES (?, ?, ?, ?)
                        ON CONFLICT (order_id, reason) DO NOTHING""")
                        .params(orderId, reason.name(), answer.name(), detail)
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
