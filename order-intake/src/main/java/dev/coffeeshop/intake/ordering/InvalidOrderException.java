package dev.coffeeshop.intake.ordering;

import java.util.List;

/** The order asks for something the shop does not sell. */
public class InvalidOrderException extends RuntimeException {

    /** What is wrong and where, e.g. {@code items[0].drink}. */
    public record Violation(String field, String message) {}

    private final List<Violation> violations;

    public InvalidOrderException(List<Violation> violations) {
        super(violations.stream()
                .map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse(""));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
