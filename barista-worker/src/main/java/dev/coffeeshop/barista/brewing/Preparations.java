package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.barista.brewing.Decision.Answer;
import dev.coffeeshop.barista.brewing.Decision.Transition;
import dev.coffeeshop.barista.inventory.Inventory;
import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.messaging.inbox.Inbox;
import dev.coffeeshop.outbox.Outbox;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The preparation log: reads an order's {@link Preparation} under a lock and writes what the barista decided about
 * it. This is the only place that turns decisions into rows, and it writes every part of a decision that is there,
 * knowing no rule of its own; both join the caller's transaction, which must exist.
 *
 * <p>Every write is guarded by what the decision found: a new preparation is inserted only if none exists, a status
 * is changed only from the one the decision left, a cancellation is answered only if it was not answered for that
 * reason. Under the order's lock the guard always holds; were it ever to miss, the decision was made on a state that
 * is gone, so the whole transaction rolls back and the event is retried and decided again.
 */
@Repository
class Preparations {

    /**
     * The first half of every preparation lock's key: with PostgreSQL's two-part keys, these locks share no key with
     * the outbox relay's single-number lock or any other in this database.
     */
    private static final int PREPARATION_LOCKS = 0x70726570;

    private final JdbcClient jdbc;
    private final Inventory inventory;
    private final Outbox outbox;
    private final Inbox inbox;

    Preparations(JdbcClient jdbc, Inventory inventory, Outbox outbox, Inbox inbox) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    /**
     * The preparation of {@code orderId}, locked until the transaction ends, or {@link Preparation#none} when there is
     * none yet.
     *
     * <p>The lock is taken before the preparation is read, because what must be held may not exist yet: the order and
     * its cancellation arrive on two topics, and without it both could find no preparation and both decide to write
     * one. The primary key would still let only one of the inserts win, but the loser would have decided on a state
     * that never was. A transaction-scoped advisory lock serialises every transaction about one order instead: the
     * pickup's, the cancellation's and the handover's, so an order is never both cancelled and made, and an answer and
     * an outcome reach the outbox in the order they were decided. Brewing happens between two transactions and holds
     * no lock. Two orders whose ids hash alike wait for each other for one short transaction, nothing worse; a
     * transaction that locks several orders must lock them in ascending key order, so that none waits crosswise.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Preparation lock(UUID orderId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?, ?)")
                .params(PREPARATION_LOCKS, orderId.hashCode())
                .query((rs, n) -> 1)
                .list();
        // the preparation (if any) and the cancellations answered, in one read after the lock
        return jdbc.sql("""
                        SELECT p.status, p.reason,
                               ARRAY(SELECT c.reason FROM cancellations c WHERE c.order_id = o.id) AS answered
                        FROM (SELECT ?::uuid AS id) o LEFT JOIN preparations p ON p.order_id = o.id""")
                .param(orderId)
                .query((rs, n) -> {
                    Set<CancellationReason> answered = EnumSet.noneOf(CancellationReason.class);
                    for (String reason : (String[]) rs.getArray("answered").getArray()) {
                        answered.add(CancellationReason.valueOf(reason));
                    }
                    String status = rs.getString("status");
                    return status == null
                            ? Preparation.none(orderId)
                            : Preparation.of(
                                    orderId, PreparationStatus.valueOf(status), rs.getString("reason"), answered);
                })
                .single();
    }

    /**
     * Writes {@code decisions} one after the other: the preparation's move, the ingredients taken or given back, the
     * handover, the answer to a cancellation, the events through the outbox and the record of the processed event.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void record(List<Decision> decisions) {
        decisions.forEach(this::record);
    }

    private void record(Decision decision) {
        if (decision.transition() != null) {
            move(decision, decision.transition());
        }
        if (!decision.reserve().isEmpty()) {
            inventory.take(decision.orderId(), decision.reserve());
        }
        if (decision.release()) {
            inventory.release(decision.orderId());
        }
        if (decision.handsOver()) {
            // the counter's append-only record: were an order ever made twice, both rows would stay visible
            jdbc.sql("INSERT INTO handovers (order_id, drinks) VALUES (?, ?)")
                    .params(decision.orderId(), decision.drinks())
                    .update();
        }
        if (decision.answer() != null) {
            answer(decision.orderId(), decision.answer());
        }
        decision.events().forEach(outbox::add);
        if (decision.marksProcessed()) {
            inbox.recordIfNew(decision.eventId());
        }
    }

    private void move(Decision decision, Transition transition) {
        int written = transition.from() == null
                ? jdbc.sql("""
                                INSERT INTO preparations
                                    (order_id, customer_name, drinks, status, reason, detail, started_at, finished_at)
                                VALUES (:order, :customer, :drinks, :to, :reason, :detail,
                                        CASE WHEN :started THEN now() END, CASE WHEN :terminal THEN now() END)
                                ON CONFLICT (order_id) DO NOTHING""")
                        .param("customer", decision.customerName())
                        .param("drinks", decision.drinks())
                        .param("started", transition.to().started())
                        .param("order", decision.orderId())
                        .param("to", transition.to().name())
                        .param("reason", transition.reason())
                        .param("detail", transition.detail())
                        .param("terminal", transition.to().terminal())
                        .update()
                : jdbc.sql("""
                                UPDATE preparations SET status = :to, reason = :reason, detail = :detail,
                                    finished_at = CASE WHEN :terminal THEN now() END
                                WHERE order_id = :order AND status = :from""")
                        .param("from", transition.from().name())
                        .param("order", decision.orderId())
                        .param("to", transition.to().name())
                        .param("reason", transition.reason())
                        .param("detail", transition.detail())
                        .param("terminal", transition.to().terminal())
                        .update();
        if (written != 1) {
            throw new IllegalStateException("Order " + decision.orderId() + ": the preparation is no longer "
                    + (transition.from() == null ? "absent" : transition.from()) + " as decided; not moving it to "
                    + transition.to());
        }
    }

    private void answer(UUID orderId, Answer answer) {
        int written = jdbc.sql("""
                        INSERT INTO cancellations (order_id, reason, answer, detail) VALUES (?, ?, ?, ?)
                        ON CONFLICT (order_id, reason) DO NOTHING""")
                .params(orderId, answer.reason().name(), answer.reply().name(), answer.detail())
                .update();
        if (written != 1) {
            throw new IllegalStateException(
                    "Order " + orderId + ": the cancellation (" + answer.reason() + ") was answered before");
        }
    }
}
