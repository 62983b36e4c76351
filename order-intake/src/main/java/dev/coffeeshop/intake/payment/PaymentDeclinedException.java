package dev.coffeeshop.intake.payment;

/** The provider said no; retrying the same request will not change its mind. */
public class PaymentDeclinedException extends RuntimeException {

    private final String code;

    public PaymentDeclinedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A machine-readable decline code such as {@code card_declined}. */
    public String code() {
        return code;
    }
}
