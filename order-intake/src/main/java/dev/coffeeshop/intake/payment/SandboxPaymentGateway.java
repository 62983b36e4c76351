package dev.coffeeshop.intake.payment;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

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
 * Any other token is declined as unknown. Like a real provider it keeps the state of every payment and declines what
 * the state does not allow:
 *
 * <ul>
 *   <li>capture: only of an authorization it issued ({@code payment_not_found}) that was not voided
 *       ({@code authorization_voided}) nor captured already with another key ({@code already_captured}), for at most
 *       the authorized amount ({@code amount_too_large})
 *   <li>void: only of an authorization that was not captured ({@code already_captured}) nor voided with another key
 *       ({@code already_voided})
 *   <li>refund: only of a captured payment ({@code not_captured}), all refunds together at most the captured amount
 *       ({@code amount_too_large})
 *   <li>an idempotency key used before for another operation: {@code idempotency_key_reused}
 * </ul>
 *
 * It remembers every operation it performed by its idempotency key across restarts: the same key gets the first
 * result back and nothing happens twice. A declined request is not remembered (asking again is evaluated anew). Its
 * ledger is the {@code sandbox_payments} table (in the service's own database, outside the caller's transaction, as a
 * provider's records would be), one row per operation performed: {@code AUTHORIZE} (its {@code result_id} is the
 * payment id), and {@code CAPTURE}, {@code VOID}, {@code REFUND} (their {@code reference} is that payment id). That
 * table is also what the fault-injection suite reads to count refunds actually issued.
 *
 * <p>Two knobs make it behave like a provider having a bad day: {@code latency} (every call takes that long) and
 * {@code failureRate} (that share of calls fails as unavailable before anything is recorded).
 */
public class SandboxPaymentGateway implements PaymentGateway {

    public static final String APPROVE = "tok_approve";
    public static final String DECLINE = "tok_decline";
    public static final String INSUFFICIENT_FUNDS = "tok_insufficient_funds";
    public static final String GATEWAY_ERROR = "tok_gateway_error";

    private enum Operation {
        AUTHORIZE,
        CAPTURE,
        VOID,
        REFUND
    }

    private record Performed(Operation operation, String resultId) {}

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Duration latency;
    private final double failureRate;
    private final RandomGenerator random;

    /** A well-behaved sandbox: no latency, no failures, each statement on its own. */
    public SandboxPaymentGateway(JdbcClient jdbc) {
        this(jdbc, TransactionOperations.withoutTransaction(), new PaymentProviderProperties.Sandbox(Duration.ZERO, 0));
    }

    /**
     * @param transactions runs each operation's reads and writes as one unit, apart from any caller's transaction
     *     (propagation {@code REQUIRES_NEW}), so concurrent operations on one payment see each other
     */
    public SandboxPaymentGateway(
            JdbcClient jdbc, TransactionOperations transactions, PaymentProviderProperties.Sandbox settings) {
        this(jdbc, transactions, settings, new Random());
    }

    SandboxPaymentGateway(
            JdbcClient jdbc,
            TransactionOperations transactions,
            PaymentProviderProperties.Sandbox settings,
            RandomGenerator random) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.latency = settings.latency();
        this.failureRate = settings.failureRate();
        this.random = random;
    }

    @Override
    public Authorization authorize(String paymentToken, long amountCents, String currency, String idempotencyKey) {
        behaveLikeANetwork();
        switch (paymentToken) {
            case APPROVE -> {}
            case DECLINE -> throw new PaymentDeclinedException("card_declined", "The card was declined.");
            case INSUFFICIENT_FUNDS ->
                throw new PaymentDeclinedException("insufficient_funds", "The card has insufficient funds.");
            case GATEWAY_ERROR -> throw new PaymentUnavailableException("The payment provider is unavailable.");
            default -> throw new PaymentDeclinedException("unknown_token", "The payment token is not recognised.");
        }
        requirePositive(amountCents);
        return new Authorization(perform(Operation.AUTHORIZE, idempotencyKey, () -> {
            String paymentId = "pay_" + UUID.randomUUID();
            insert(Operation.AUTHORIZE, idempotencyKey, null, amountCents, paymentId);
            return paymentId;
        }));
    }

    @Override
    public Capture capture(String paymentId, long amountCents, String idempotencyKey) {
        behaveLikeANetwork();
        requirePositive(amountCents);
        return new Capture(perform(Operation.CAPTURE, idempotencyKey, () -> {
            long authorized = lockAuthorization(paymentId);
            if (performedOn(paymentId, Operation.VOID)) {
                throw new PaymentDeclinedException("authorization_voided", "The authorization was voided.");
            }
            if (performedOn(paymentId, Operation.CAPTURE)) {
                throw new PaymentDeclinedException("already_captured", "The payment was already captured.");
            }
            if (amountCents > authorized) {
                throw new PaymentDeclinedException(
                        "amount_too_large", "The capture exceeds the authorized " + authorized + " cents.");
            }
            String captureId = "ch_" + UUID.randomUUID();
            insert(Operation.CAPTURE, idempotencyKey, paymentId, amountCents, captureId);
            return captureId;
        }));
    }

    @Override
    public Release voidAuthorization(String paymentId, String idempotencyKey) {
        behaveLikeANetwork();
        return new Release(perform(Operation.VOID, idempotencyKey, () -> {
            long authorized = lockAuthorization(paymentId);
            if (performedOn(paymentId, Operation.CAPTURE)) {
                throw new PaymentDeclinedException("already_captured", "The payment was already captured.");
            }
            if (performedOn(paymentId, Operation.VOID)) {
                throw new PaymentDeclinedException("already_voided", "The authorization was already voided.");
            }
            String voidId = "void_" + UUID.randomUUID();
            insert(Operation.VOID, idempotencyKey, paymentId, authorized, voidId);
            return voidId;
        }));
    }

    @Override
    public Refund refund(String paymentId, long amountCents, String idempotencyKey) {
        behaveLikeANetwork();
        requirePositive(amountCents);
        return new Refund(perform(Operation.REFUND, idempotencyKey, () -> {
            lockAuthorization(paymentId);
            if (!performedOn(paymentId, Operation.CAPTURE)) {
                throw new PaymentDeclinedException("not_captured", "The payment was never captured.");
            }
            long captured = sumOn(paymentId, Operation.CAPTURE);
            long refunded = sumOn(paymentId, Operation.REFUND);
            if (refunded + amountCents > captured) {
                throw new PaymentDeclinedException(
                        "amount_too_large",
                        "The refund exceeds the " + (captured - refunded) + " cents captured and not yet refunded.");
            }
            String refundId = "re_" + UUID.randomUUID();
            insert(Operation.REFUND, idempotencyKey, paymentId, amountCents, refundId);
            return refundId;
        }));
    }

    /** How many distinct refunds were issued: what a provider's dashboard would show. */
    public long refundsIssued() {
        return count(Operation.REFUND);
    }

    /** How many distinct captures were made. */
    public long capturesIssued() {
        return count(Operation.CAPTURE);
    }

    /** How many authorizations were voided. */
    public long voidsIssued() {
        return count(Operation.VOID);
    }

    /** How many authorizations were granted. */
    public long authorizationsIssued() {
        return count(Operation.AUTHORIZE);
    }

    private long count(Operation operation) {
        return jdbc.sql("SELECT count(*) FROM sandbox_payments WHERE operation = ?")
                .param(operation.name())
                .query(Long.class)
                .single();
    }

    /** The configured latency, then the configured share of failures; nothing is recorded for a failure. */
    private void behaveLikeANetwork() {
        if (latency.isPositive()) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PaymentUnavailableException("Interrupted while waiting for the payment provider.");
            }
        }
        if (failureRate > 0 && random.nextDouble() < failureRate) {
            throw new PaymentUnavailableException("The payment provider is unavailable (sandbox failure rate).");
        }
    }

    /**
     * Performs the operation once per idempotency key: the first call stores its result, every later call (also
     * after a restart, also concurrently) gets that stored result back.
     */
    private String perform(Operation operation, String idempotencyKey, Supplier<String> firstTime) {
        try {
            try {
                return transactions.execute(tx -> performOnce(operation, idempotencyKey, firstTime));
            } catch (DuplicateKeyException e) {
                // a concurrent capture or void of the same authorization won the race; its row is visible now
                return transactions.execute(tx -> performOnce(operation, idempotencyKey, firstTime));
            }
        } catch (DataAccessException e) {
            throw new PaymentUnavailableException("The payment provider is unavailable.");
        }
    }

    private String performOnce(Operation operation, String idempotencyKey, Supplier<String> firstTime) {
        var earlier = performed(idempotencyKey);
        if (earlier.isEmpty()) {
            firstTime.get();
            // the row stored for the key: this call's, or that of a concurrent call with the same key
            earlier = performed(idempotencyKey);
        }
        var result = earlier.orElseThrow();
        if (result.operation() != operation) {
            throw new PaymentDeclinedException(
                    "idempotency_key_reused",
                    "The idempotency key " + idempotencyKey + " was used for a " + result.operation() + " already.");
        }
        return result.resultId();
    }

    private Optional<Performed> performed(String idempotencyKey) {
        return jdbc.sql("SELECT operation, result_id FROM sandbox_payments WHERE idempotency_key = ?")
                .param(idempotencyKey)
                .query((rs, n) -> new Performed(Operation.valueOf(rs.getString(1)), rs.getString(2)))
                .optional();
    }

    /** The authorized amount; the row stays locked until the operation commits, serializing work on one payment. */
    private long lockAuthorization(String paymentId) {
        return jdbc.sql("""
                        SELECT amount_cents FROM sandbox_payments
                        WHERE operation = 'AUTHORIZE' AND result_id = ?
                        FOR UPDATE""")
                .param(paymentId)
                .query(Long.class)
                .optional()
                .orElseThrow(() ->
                        new PaymentDeclinedException("payment_not_found", "No payment " + paymentId + " exists."));
    }

    private boolean performedOn(String paymentId, Operation operation) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM sandbox_payments WHERE reference = ? AND operation = ?)")
                .params(paymentId, operation.name())
                .query(Boolean.class)
                .single();
    }

    private long sumOn(String paymentId, Operation operation) {
        return jdbc.sql(
                        "SELECT coalesce(sum(amount_cents), 0) FROM sandbox_payments WHERE reference = ? AND operation = ?")
                .params(paymentId, operation.name())
                .query(Long.class)
                .single();
    }

    private void insert(
            Operation operation, String idempotencyKey, @Nullable String reference, long amountCents, String id) {
        jdbc.sql("""
                        INSERT INTO sandbox_payments (operation, idempotency_key, reference, amount_cents, result_id)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (idempotency_key) DO NOTHING""")
                .params(operation.name(), idempotencyKey, reference, amountCents, id)
                .update();
    }

    private static void requirePositive(long amountCents) {
        if (amountCents <= 0) {
            throw new PaymentDeclinedException("invalid_amount", "The amount must be positive: " + amountCents);
        }
    }
}
