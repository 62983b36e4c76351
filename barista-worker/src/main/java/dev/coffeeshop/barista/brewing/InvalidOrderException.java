package dev.coffeeshop.barista.brewing;

/**
 * An order no barista could ever make as written: an unknown drink, size or option, a quantity below one, no items.
 * It is never retried; the record goes to the dead-letter topic with this message as the reason.
 */
class InvalidOrderException extends RuntimeException {

    InvalidOrderException(String reason) {
        super(reason);
    }
}
