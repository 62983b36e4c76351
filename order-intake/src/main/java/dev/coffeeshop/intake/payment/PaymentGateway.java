package dev.coffeeshop.intake.payment;

/**
 * The payment provider as the cashier sees it. Every call carries an idempotency key: calling again with the same key
 * returns the first call's result and never charges or refunds twice, so callers may retry freely.
 */
public interface PaymentGateway {

    /** Reserves the amount on the customer's payment method. */
    Authorization authorize(String paymentToken, long amountCents, String currency, String idempotencyKey);

    /** Gives the money of an authorized payment back. */
    Refund refund(String paymentId, long amountCents, String idempotencyKey);

    record Authorization(String paymentId) {}

    record Refund(String refundId) {}
}
