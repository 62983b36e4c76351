package dev.coffeeshop.intake.operator.web;

import dev.coffeeshop.intake.operator.OrderOverviews;
import dev.coffeeshop.messaging.staff.OrderTimeline;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * One order for staff ({@code /staff/**}), read-only: the cashier's own records, as every service answers them, and
 * the overview the operator's order page shows. An order the cashier never took is the 404 {@code order-not-found}
 * problem.
 */
@RestController
class StaffOrderOverviewController {

    private final OrderOverviews overviews;

    StaffOrderOverviewController(OrderOverviews overviews) {
        this.overviews = overviews;
    }

    /** What the cashier recorded: its timeline's steps and the payment actions, oldest first. */
    @GetMapping("/staff/orders/{id}/timeline")
    OrderTimeline timeline(@PathVariable UUID id) {
        return overviews.cashiersTimeline(id);
    }

    /**
     * The order as every service recorded it, in time order, with each service's part and the trace link. The other
     * services are asked with the caller's own token, so each still decides what staff may read.
     */
    @GetMapping("/staff/orders/{id}/overview")
    OrderOverviews.Overview overview(
            @PathVariable UUID id, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return overviews.of(id, authorization);
    }
}
