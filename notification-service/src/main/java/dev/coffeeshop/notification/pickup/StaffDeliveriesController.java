package dev.coffeeshop.notification.pickup;

import dev.coffeeshop.messaging.staff.LedgerPage;
import dev.coffeeshop.messaging.staff.LedgerQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The notifications delivered, for staff, under {@code /staff}: the ledger of deliveries, page by page. Read-only. */
@RestController
class StaffDeliveriesController {

    private final DeliveryLedger ledger;

    StaffDeliveriesController(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * The deliveries at or after {@code since} (ISO-8601), in the order delivered; {@code after} is the previous
     * page's {@code next}, {@code limit} 1 to 1000 (default 100).
     */
    @GetMapping("/staff/ledgers/deliveries")
    LedgerPage<DeliveryLedger.Delivery> deliveries(
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit) {
        return ledger.deliveredSince(LedgerQuery.of(since, after, limit));
    }
}
