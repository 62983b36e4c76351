package dev.coffeeshop.intake.ordering;

/** An Idempotency-Key that already belongs to a different request. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different request.");
    }
}
