package dev.coffeeshop.local.stack;

/** The stack could not come up; the message names the component and where its log is. */
public class StackStartupException extends RuntimeException {

    public StackStartupException(String message) {
        super(message);
    }

    public StackStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
