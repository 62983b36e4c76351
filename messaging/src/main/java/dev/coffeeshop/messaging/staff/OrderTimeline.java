package dev.coffeeshop.messaging.staff;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * One order as one service recorded it, for staff: what each service answers at {@code GET
 * /staff/orders/{id}/timeline}, its entries oldest first, and what order-intake merges into the operator's order page.
 * One shape in every service, so the page needs to know nothing of how each keeps its records.
 */
public record OrderTimeline(UUID orderId, String service, List<Entry> entries) {

    /**
     * One thing a service recorded about the order.
     *
     * @param step what happened, for programs ({@code PLACED}, {@code HANDED_OVER}, {@code WEBHOOK_DELIVERED}, ...)
     * @param summary what happened, for people
     * @param detail why, or how it went, where there is more to say
     */
    public record Entry(
            Instant at,
            String service,
            String step,
            String summary,
            @Nullable String detail) {}

    /**
     * The answer to a timeline request: {@code service}'s entries, or, when it has none, a 404 problem
     * ({@code order-not-found}) whose detail is {@code noRecord}.
     */
    public static ResponseEntity<?> answer(UUID orderId, String service, List<Entry> entries, String noRecord) {
        if (entries.isEmpty()) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, noRecord);
            problem.setType(URI.create("https://coffeeshop.dev/problems/order-not-found"));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        return ResponseEntity.ok(new OrderTimeline(orderId, service, entries));
    }
}
