package dev.coffeeshop.intake.payment;

/**
 * The payment provider as the cashier sees it, in the shape of the big card processors: authorize when an order is
 * placed, capture when it is handed over, void an authorization that will not be captured, refund a captured payment.
 * Every call carries an idempotency key: calling again with the same key returns the first call's result and never
 * charges, releases or refunds twice, so callers may retry freely.
 *
 * <p>Failures come in two kinds. {@link PaymentDeclinedException}: the provider answered no, and asking again will not
 * change its answer (a declined card, a capture of a voided authorization). {@link PaymentUnavailableException}: the
 * provider could not be reached, timed out, failed or is being protected from further calls; the same call with the
 * same key may succeed later.
 *
 * <p>Decline codes a caller may meet besides the card's own ({@code card_declined}, {@code insufficient_funds}):
 * {@code payment_not_found}, {@code authorization_voided} and {@code already_captured} (capture),
 * {@code already_captured} and {@code already_voided} (void), {@code not_captured} and {@code amount_too_large}
 * (refund), {@code idempotency_key_reused} (a key sent before with another operation).
 *
 * <p>Implementations: {@link SandboxPaymentGateway} (in process, the default) and {@link HttpPaymentGateway} guarded by
 * {@link ResilientPaymentGateway}; {@link PaymentGatewayConfiguration} picks one.
 */
public interface PaymentGateway {

    /** Reserves the amount on the customer's payment method; nothing is charged yet. */
    Authorization authorize(String paymentToken, long amountCents, String currency, String idempotencyKey);

    /** Charges an authorized payment. */
    Capture capture(String paymentId, long amountCents, String idempotencyKey);

    /** Releases an authorization that will never be captured; the customer is never charged. */
    Release voidAuthorization(String paymentId, String idempotencyKey);

    /** Gives the money of a captured payment back. */
    Refund refund(String paymentId, long amountCents, String idempotencyKey);

    record Authorization(String paymentId) {}

    record Capture(String captureId) {}

    record Release(String voidId) {}

    record Refund(String refundId) {}
}
