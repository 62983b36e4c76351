package dev.coffeeshop.barista.timeline;

import dev.coffeeshop.messaging.staff.OrderTimeline;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * One order as the baristas recorded it, for staff ({@code /staff/**}): the part of the operator's order page that
 * order-intake asks this service for, with the staff member's own token. Read-only.
 */
@RestController
class StaffTimelineController {

    private final PreparationRecords records;

    StaffTimelineController(PreparationRecords records) {
        this.records = records;
    }

    /** The order's entries, oldest first; 404 with a problem body when the baristas have no record of it. */
    @GetMapping("/staff/orders/{id}/timeline")
    ResponseEntity<?> timeline(@PathVariable UUID id) {
        return OrderTimeline.answer(
                id, PreparationRecords.SERVICE, records.of(id), "The baristas have no record of order " + id + ".");
    }
}
