package dev.coffeeshop.intake.payment;

import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An in-process stand-in for a card processor, the default so the shop runs with no account anywhere. Its behaviour
 * is chosen by the payment token, like a real provider's test mode:
 *
 * <ul>
 *   <li>{@code tok_approve}: authorized
 *   <li>{@code tok_decline}: declined, {@code card_declined}
 *   <li>{@code tok_insufficient_funds}: declined, {@code insufficient_funds}
 *   <li>{@code tok_gateway_error}: the provider is unavailable
 * </ul>
 *
 * Any other token is declined as unknown. Like a real provider it remembers every operation by its idempotency key
 * across restarts: its ledger is the {@code sandbox_payments} table (in the service's own database, outside the
 * caller's transaction, as a provider's records would be). That table is also what the fault-injection suite reads to
 * count refunds actually issued.
 */
public class SandboxPaymentGateway implements PaymentGateway {

    public static final String APPROVE = "tok_approve";
    public static final String DECLINE = "tok_decline";
    public static final String INSUFFICIENT_FUNDS = "tok_insufficient_funds";
    public static final String GATEWAY_ERROR = "tok_gateway_error";

    private final JdbcClient jdbc;

    public SandboxPaymentGateway(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Authorization authorize(String paymentToken, long amountCents, String currency, String idempotencyKey) {
        switch (paymentToken) {
            case APPROVE -> {}
            case DECLINE -> throw new PaymentDeclinedException("card_declined", "The card was declined.");
            case INSUFFICIENT_FUNDS ->
                throw new PaymentDeclinedException("insufficient_funds", "The card has insufficient funds.");
            case GATEWAY_ERROR -> throw new PaymentUnavailableException("The payment provider is unavailable.");
            default -> throw new PaymentDeclinedException("unknown_token", "The payment token is not recognised.");
        }
        return new Authorization(record("AUTHORIZE", idempotencyKey, null, amountCents, "pay_" + UUID.randomUUID()));
    }

    @Override
    public Capture capture(String paymentId, long amountCents, String idempotencyKey) {
        return new Capture(record("CAPTURE", idempotencyKey, paymentId, amountCents, "ch_" + UUID.randomUUID()));
    }

    @Override
    public Release voidAuthorization(String paymentId, String idempotencyKey) {
        return new Release(record("VOID", idempotencyKey, paymentId, 0, "void_" + UUID.randomUUID()));
    }

    @Override
    public Refund refund(String paymentId, long amountCents, String idempotencyKey) {
        return new Refund(record("REFUND", idempotencyKey, paymentId, amountCents, "re_" + UUID.randomUUID()));
    }

    /** How many distinct refunds were issued: what a provider's dashboard would show. */
    public long refundsIssued() {
        return jdbc.sql("SELECT count(*) FROM sandbox_payments WHERE operation = 'REFUND'")
                .query(Long.class)
                .single();
    }

    /**
     * Performs the operation once per idempotency key: the first call stores its result, every later call (also
     * after a restart, also concurrently) gets that stored result back.
     */
    private String record(String operation, String idempotencyKey, String reference, long amountCents, String id) {
        try {
            jdbc.sql("""
                            INSERT INTO sandbox_payments (operation, idempotency_key, reference, amount_cents, result_id)
                            VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT (idempotency_key) DO NOTHING""")
                    .params(operation, idempotencyKey, reference, amountCents, id)
                    .update();
            return jdbc.sql("SELECT result_id FROM sandbox_payments WHERE idempotency_key = ?")
                    .param(idempotencyKey)
                    .query(String.class)
                    .single();
        } catch (DataAccessException e) {
            throw new PaymentUnavailableException("The payment provider is unavailable.");
        }
    }
}
