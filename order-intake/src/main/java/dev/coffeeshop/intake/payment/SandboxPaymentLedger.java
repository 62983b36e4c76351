package dev.coffeeshop.intake.payment;

import dev.coffeeshop.messaging.staff.LedgerPage;
import dev.coffeeshop.messaging.staff.LedgerQuery;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The side effects the sandbox provider performed on payments: every capture, void and refund in its records
 * ({@code sandbox_payments}), with the order whose payment it was. Its records have no constraint that would hide an
 * operation performed twice with different idempotency keys, so a duplicate stays visible here. Read-only.
 */
@Repository
class SandboxPaymentLedger {

    private final JdbcClient jdbc;

    SandboxPaymentLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A capture, void or refund as the provider performed it.
     *
     * @param paymentId the payment (the authorization's id) it was performed on
     * @param resultId the provider's id of the capture, void or refund
     * @param orderId the order whose payment that is; null when no order has that payment, an effect nobody asked for
     */
    record Operation(
            String operation,
            String paymentId,
            String resultId,
            long amountCents,
            UUID orderId,
            Instant performedAt,
            long sequence) {}

    /** One page of the captures, voids and refunds performed at or after {@code query.since()}, in the order done. */
    LedgerPage<Operation> performedSince(LedgerQuery query) {
        List<Operation> operations = jdbc.sql("""
                        SELECT s.id, s.operation, s.reference, s.result_id, s.amount_cents, s.created_at,
                               o.id AS order_id
                        FROM sandbox_payments s LEFT JOIN orders o ON o.payment_id = s.reference
                        WHERE s.operation IN ('CAPTURE', 'VOID', 'REFUND') AND s.created_at >= ? AND s.id > ?
                        ORDER BY s.id
                        LIMIT ?""")
                .params(Timestamp.from(query.since()), query.afterSequence().orElse(0), query.limit() + 1)
                .query((rs, n) -> new Operation(
                        rs.getString("operation"),
                        rs.getString("reference"),
                        rs.getString("result_id"),
                        rs.getLong("amount_cents"),
                        rs.getObject("order_id", UUID.class),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getLong("id")))
                .list();
        return LedgerPage.of(operations, query.limit(), operation -> Long.toString(operation.sequence()));
    }
}
