package dev.coffeeshop.intake.payment;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
 * Any other token is declined as unknown. Results are remembered per idempotency key for the life of the process.
 */
public class SandboxPaymentGateway implements PaymentGateway {

    public static final String APPROVE = "tok_approve";
    public static final String DECLINE = "tok_decline";
    public static final String INSUFFICIENT_FUNDS = "tok_insufficient_funds";
    public static final String GATEWAY_ERROR = "tok_gateway_error";

    private final Map<String, Authorization> authorizations = new ConcurrentHashMap<>();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();
    private final AtomicLong refundsIssued = new AtomicLong();

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
        return authorizations.computeIfAbsent(idempotencyKey, k -> new Authorization("pay_" + UUID.randomUUID()));
    }

    @Override
    public Refund refund(String paymentId, long amountCents, String idempotencyKey) {
        return refunds.computeIfAbsent(idempotencyKey, k -> {
            refundsIssued.incrementAndGet();
            return new Refund("re_" + UUID.randomUUID());
        });
    }

    /** How many distinct refunds were issued: what a provider's dashboard would show. */
    public long refundsIssued() {
        return refundsIssued.get();
    }
}
