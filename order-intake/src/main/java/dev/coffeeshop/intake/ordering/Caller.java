package dev.coffeeshop.intake.ordering;

/**
 * Who is asking, as their access token says: its subject, and whether it carries the {@code staff} scope. A customer
 * sees and cancels only their own orders; staff see all.
 */
public record Caller(String subject, boolean staff) {

    public Caller {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a caller has a subject");
        }
    }
}
