package dev.coffeeshop.intake.ordering;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What is left to do at the payment provider: captures, voids and refunds the cashier decided on, written in the
 * transaction that decided them and carried out by the {@link PaymentClerk}.
 */
@Repository
class PaymentActions {

    enum Status {
        PENDING,
        DONE,
        PARKED
    }

    /**
     * An action claimed for one attempt; {@code attempt} counts this one; {@code traceparent} is the trace context of the
     * step that decided it.
     */
    record Claimed(
            UUID orderId,
            PaymentAction action,
            String paymentId,
            long amountCents,
            int attempt,
            @Nullable String traceparent) {}

    /** An action as operators see it. */
    record View(
            UUID orderId,
            PaymentAction action,
            Status status,
            int attempts,
            Instant nextAttemptAt,
            @Nullable String lastError,
            Instant createdAt,
            Instant updatedAt) {}

    private final JdbcClient jdbc;

    PaymentActions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An action to schedule for an order's payment, with the trace context of the step that decided it. */
    record Due(
            UUID orderId,
            PaymentAction action,
            String paymentId,
            long amountCents,
            @Nullable String traceparent) {}

    /**
     * Schedules actions, due at once, in one statement; a second schedule of the same action for the same order changes
     * nothing.
     */
    void schedule(List<Due> due, Instant now) {
        jdbc.sql("""
                        INSERT INTO payment_actions (order_id, action, payment_id, amount_cents, status,
                                                     next_attempt_at, created_at, updated_at, traceparent)
                        SELECT d.order_id, d.action, d.payment_id, d.amount_cents, 'PENDING', :now, :now, :now,
                               d.traceparent
                        FROM unnest(:orders::uuid[], :actions::text[], :payments::text[], :amounts::bigint[],
                                    :traces::text[])
                             AS d (order_id, action, payment_id, amount_cents, traceparent)
                        ON CONFLICT (order_id, action) DO NOTHING""")
                .param("now", Timestamp.from(now))
                .param("orders", due.stream().map(Due::orderId).toArray(UUID[]::new))
                .param("actions", due.stream().map(d -> d.action().name()).toArray(String[]::new))
                .param("payments", due.stream().map(Due::paymentId).toArray(String[]::new))
                .param("amounts", due.stream().map(Due::amountCents).toArray(Long[]::new))
                .param("traces", due.stream().map(Due::traceparent).toArray(String[]::new))
                .update();
    }

    /**
     * Claims up to {@code limit} due actions for one attempt each: they are not due again before {@code leaseUntil},
     * so no other round takes them meanwhile, and an instance that dies mid-call leaves them to be retried then.
     */
    List<Claimed> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        UPDATE payment_actions a SET next_attempt_at = ?, attempts = a.attempts + 1, updated_at = ?
                        FROM (SELECT order_id, action FROM payment_actions
                              WHERE status = 'PENDING' AND next_attempt_at <= ?
                              ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due
                        WHERE a.order_id = due.order_id AND a.action = due.action
                        RETURNING a.order_id, a.action, a.payment_id, a.amount_cents, a.attempts, a.traceparent""")
                .params(Timestamp.from(leaseUntil), Timestamp.from(now), Timestamp.from(now), limit)
                .query((rs, n) -> new Claimed(
                        rs.getObject("order_id", UUID.class),
                        PaymentAction.valueOf(rs.getString("action")),
                        rs.getString("payment_id"),
                        rs.getLong("amount_cents"),
                        rs.getInt("attempts"),
                        rs.getString("traceparent")))
                .list();
    }

    /**
     * Records the provider's confirmation of many actions in one statement; returns those that were still pending (and
     * are now done): a confirmation recorded before, by another round, is not recorded twice.
     */
    List<Claimed> done(List<Claimed> confirmed, List<String> resultIds, Instant now) {
        if (confirmed.isEmpty()) {
            return List.of();
        }
        var done = jdbc.sql("""
                        UPDATE payment_actions a SET status = 'DONE', result_id = r.result_id, last_error = NULL,
                                                     updated_at = ?
                        FROM unnest(?::uuid[], ?::text[], ?::text[]) AS r (order_id, action, result_id)
                        WHERE a.order_id = r.order_id AND a.action = r.action AND a.status = 'PENDING'
                        RETURNING a.order_id, a.action""")
                .params(
                        Timestamp.from(now),
                        confirmed.stream().map(Claimed::orderId).toArray(UUID[]::new),
                        confirmed.stream().map(c -> c.action().name()).toArray(String[]::new),
                        resultIds.toArray(String[]::new))
                .query((rs, n) -> rs.getObject("order_id", UUID.class) + "/" + rs.getString("action"))
                .set();
        return confirmed.stream()
                .filter(c -> done.contains(c.orderId() + "/" + c.action().name()))
                .toList();
    }

    void retryLater(Claimed claimed, String error, Instant nextAttemptAt, Instant now) {
        jdbc.sql("""
                        UPDATE payment_actions SET last_error = ?, next_attempt_at = ?, updated_at = ?
                        WHERE order_id = ? AND action = ? AND status = 'PENDING'""")
                .params(
                        error,
                        Timestamp.from(nextAttemptAt),
                        Timestamp.from(now),
                        claimed.orderId(),
                        claimed.action().name())
                .update();
    }

    /** Leaves the action to an operator; false if it was not pending any more. */
    boolean park(Claimed claimed, String error, Instant now) {
        return jdbc.sql("""
                                UPDATE payment_actions SET status = 'PARKED', last_error = ?, updated_at = ?
                                WHERE order_id = ? AND action = ? AND status = 'PENDING'""")
                        .params(
                                error,
                                Timestamp.from(now),
                                claimed.orderId(),
                                claimed.action().name())
                        .update()
                == 1;
    }

    /** Makes an order's parked actions due again with a fresh count of attempts; returns how many. */
    int retryParked(UUID orderId, Instant now) {
        return jdbc.sql("""
                        UPDATE payment_actions SET status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ?
                        WHERE order_id = ? AND status = 'PARKED'""")
                .params(Timestamp.from(now), Timestamp.from(now), orderId)
                .update();
    }

    long parkedCount() {
        return jdbc.sql("SELECT count(*) FROM payment_actions WHERE status = 'PARKED'")
                .query(Long.class)
                .single();
    }

    List<View> ofOrder(UUID orderId) {
        return jdbc.sql("SELECT * FROM payment_actions WHERE order_id = ? ORDER BY created_at")
                .param(orderId)
                .query((rs, n) -> view(rs))
                .list();
    }

    /** Parked actions, the longest waiting first. */
    List<View> parked(int limit) {
        return jdbc.sql("SELECT * FROM payment_actions WHERE status = 'PARKED' ORDER BY updated_at LIMIT ?")
                .param(limit)
                .query((rs, n) -> view(rs))
                .list();
    }

    private static View view(ResultSet rs) throws SQLException {
        return new View(
                rs.getObject("order_id", UUID.class),
                PaymentAction.valueOf(rs.getString("action")),
                Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
