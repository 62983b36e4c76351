package dev.coffeeshop.intake.ordering.web;

import dev.coffeeshop.intake.ordering.Backoffice;
import dev.coffeeshop.intake.ordering.OrderStatus;
import dev.coffeeshop.messaging.contracts.ProblemResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operator's view of the saga, under {@code /staff}: only a token with the staff scope gets here. */
@RestController
@RequestMapping("/staff/orders")
@Validated
class StaffOrdersController {

    private final Backoffice backoffice;

    StaffOrdersController(Backoffice backoffice) {
        this.backoffice = backoffice;
    }

    /**
     * Orders that are not final and have not moved for at least {@code olderThan} (ISO-8601, default PT5M), optionally
     * only those in {@code status}, the longest unchanged first.
     */
    @GetMapping("/stuck")
    List<Backoffice.StuckOrder> stuck(
            @RequestParam(name = "status", required = false) List<OrderStatus> statuses,
            @RequestParam(name = "olderThan", defaultValue = "PT5M") Duration olderThan,
            @RequestParam(name = "limit", defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return backoffice.stuck(statuses == null ? List.of() : statuses, olderThan, limit);
    }

    /** Orders whose capture, void or refund is parked until an operator retries it. */
    @GetMapping("/parked")
    List<Backoffice.StuckOrder> parked(
            @RequestParam(name = "limit", defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return backoffice.parked(limit);
    }

    /** Makes the order's parked payment actions due again; 409 when none is parked. */
    @PostMapping("/{id}/payment/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(
            status = 409,
            type = "https://coffeeshop.dev/problems/nothing-parked",
            when = "the order has no parked payment action")
    ResponseEntity<Map<String, Object>> retry(@PathVariable UUID id) {
        int retried = backoffice.retryParked(id);
        if (retried == 0) {
            throw new NothingParkedException(id);
        }
        return ResponseEntity.accepted().body(Map.of("orderId", id, "retried", retried));
    }

    static class NothingParkedException extends RuntimeException {
        NothingParkedException(UUID id) {
            super("Order " + id + " has no parked payment action.");
        }
    }
}
