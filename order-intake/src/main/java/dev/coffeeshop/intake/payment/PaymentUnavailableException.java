package dev.coffeeshop.intake.payment;

/** The provider could not be reached or failed; the same request may succeed later. */
public class PaymentUnavailableException extends RuntimeException {

    public PaymentUnavailableException(String message) {
        super(message);
    }
}
