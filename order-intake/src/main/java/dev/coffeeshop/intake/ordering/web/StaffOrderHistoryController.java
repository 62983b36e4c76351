package dev.coffeeshop.intake.ordering.web;

import dev.coffeeshop.intake.ordering.OrderHistory;
import dev.coffeeshop.messaging.staff.LedgerPage;
import dev.coffeeshop.messaging.staff.LedgerQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders of a period for staff, under {@code /staff}: what became of every order placed since an instant, its
 * status, payment and timeline, page by page. Read-only.
 */
@RestController
class StaffOrderHistoryController {

    private final OrderHistory history;

    StaffOrderHistoryController(OrderHistory history) {
        this.history = history;
    }

    /**
     * The orders placed at or after {@code since} (ISO-8601), oldest first; {@code after} is the previous page's
     * {@code next}, {@code limit} 1 to 1000 (default 100).
     */
    @GetMapping("/staff/orders/placed")
    LedgerPage<OrderHistory.PlacedOrder> placed(
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit) {
        return history.placedSince(LedgerQuery.of(since, after, limit));
    }
}
