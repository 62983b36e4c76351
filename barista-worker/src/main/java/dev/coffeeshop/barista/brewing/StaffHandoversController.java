package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.messaging.staff.LedgerPage;
import dev.coffeeshop.messaging.staff.LedgerQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The drinks handed over, for staff, under {@code /staff}: the pickup counter's ledger, page by page. Read-only. */
@RestController
class StaffHandoversController {

    private final HandoverLedger ledger;

    StaffHandoversController(HandoverLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * The handovers at or after {@code since} (ISO-8601), in the order they happened; {@code after} is the previous
     * page's {@code next}, {@code limit} 1 to 1000 (default 100).
     */
    @GetMapping("/staff/ledgers/handovers")
    LedgerPage<HandoverLedger.Handover> handovers(
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit) {
        return ledger.handedOverSince(LedgerQuery.of(since, after, limit));
    }
}
