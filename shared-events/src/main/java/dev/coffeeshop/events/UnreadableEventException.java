package dev.coffeeshop.events;

/**
 * A record that no retry can make readable: garbage bytes, an unknown type, a missing id. Consumers send it to their
 * dead-letter topic at once, with the message as the reason.
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String reason) {
        super(reason);
    }

    public UnreadableEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
