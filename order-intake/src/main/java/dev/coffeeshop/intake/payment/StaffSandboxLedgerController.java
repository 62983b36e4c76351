package dev.coffeeshop.intake.payment;

import dev.coffeeshop.messaging.contracts.ProblemResponse;
import dev.coffeeshop.messaging.staff.LedgerQuery;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox provider's captures, voids and refunds for staff, under {@code /staff}: what a provider's dashboard
 * would list. It answers only while the sandbox is the configured provider; with a real provider the records are the
 * provider's own and this endpoint answers 404. The wiring decides by the configured gateway, not by a condition on
 * the property, for the reason {@link PaymentGatewayConfiguration} gives.
 */
@RestController
class StaffSandboxLedgerController {

    private final SandboxPaymentLedger ledger;
    private final boolean sandbox;

    StaffSandboxLedgerController(SandboxPaymentLedger ledger, PaymentGateway gateway) {
        this.ledger = ledger;
        this.sandbox = gateway instanceof SandboxPaymentGateway;
    }

    /**
     * The captures, voids and refunds performed at or after {@code since} (ISO-8601), in the order they were done;
     * {@code after} is the previous page's {@code next}, {@code limit} 1 to 1000 (default 100).
     */
    @GetMapping("/staff/ledgers/payments")
    @ProblemResponse(
            status = 404,
            type = "https://coffeeshop.dev/problems/no-sandbox-ledger",
            when = "the payment provider is not the sandbox")
    ResponseEntity<?> payments(
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) String limit) {
        if (!sandbox) {
            var problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND,
                    "The payment provider is not the sandbox: its records are at the provider, not here.");
            problem.setType(URI.create("https://coffeeshop.dev/problems/no-sandbox-ledger"));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        return ResponseEntity.ok(ledger.performedSince(LedgerQuery.of(since, after, limit)));
    }
}
