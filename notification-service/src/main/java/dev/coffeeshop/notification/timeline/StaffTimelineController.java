package dev.coffeeshop.notification.timeline;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * One order as the pickup counter recorded it, for staff ({@code /staff/**}): the part of the operator's order page
 * that order-intake asks this service for, with the staff member's own token. Read-only.
 */
@RestController
class StaffTimelineController {

    private final CounterRecords records;

    StaffTimelineController(CounterRecords records) {
        this.records = records;
    }

    /** The order's entries, oldest first; 404 with a problem body when the counter has no record of it. */
    @GetMapping("/staff/orders/{id}/timeline")
    ResponseEntity<?> timeline(@PathVariable UUID id) {
        List<CounterRecords.Entry> entries = records.of(id);
        if (entries.isEmpty()) {
            var problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "The pickup counter has no record of order " + id + ".");
            problem.setType(URI.create("https://coffeeshop.dev/problems/order-not-found"));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        return ResponseEntity.ok(new Timeline(id, CounterRecords.SERVICE, entries));
    }

    record Timeline(UUID orderId, String service, List<CounterRecords.Entry> entries) {}
}
