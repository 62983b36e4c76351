package dev.coffeeshop.notification.timeline;

import dev.coffeeshop.messaging.staff.OrderTimeline;
import java.util.UUID;
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

    /** The order's entries, oldest first; 404 with a problem body when the pickup counter has no record of it. */
    @GetMapping("/staff/orders/{id}/timeline")
    ResponseEntity<?> timeline(@PathVariable UUID id) {
        return OrderTimeline.answer(
                id, CounterRecords.SERVICE, records.of(id), "The pickup counter has no record of order " + id + ".");
    }
}
