package dev.coffeeshop.intake.ordering.web;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.intake.ordering.Caller;
import dev.coffeeshop.intake.ordering.Cashier;
import dev.coffeeshop.intake.ordering.PlaceOrder;
import dev.coffeeshop.messaging.access.Scopes;
import dev.coffeeshop.messaging.contracts.ProblemResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/orders")
@Validated
class OrderController {

    private final Cashier cashier;
    private final JsonMapper json;

    OrderController(Cashier cashier, JsonMapper json) {
        this.cashier = cashier;
        this.json = json;
    }

    /** Accepted, not done: the drinks are made asynchronously; follow the Location to see how it goes. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(
            status = 402,
            type = "https://coffeeshop.dev/problems/payment-declined",
            when = "the card is declined (code says why)")
    @ProblemResponse(
            status = 422,
            type = "https://coffeeshop.dev/problems/idempotency-key-reused",
            when = "the Idempotency-Key came with another body")
    @ProblemResponse(
            status = 503,
            type = "https://coffeeshop.dev/problems/payment-unavailable",
            when = "the payment provider or the database is down; retry after Retry-After")
    ResponseEntity<OrderResponse> place(
            @RequestHeader(name = "Idempotency-Key", required = false)
                    @Size(min = 1, max = 200)
                    @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
                    String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request,
            Authentication caller) {
        List<LineItem> items = request.items().stream()
                .map(i -> new LineItem(i.drink(), i.size(), i.quantity(), i.options()))
                .toList();
        var order = cashier.place(new PlaceOrder(
                caller.getName(),
                request.customerName(),
                request.paymentToken(),
                items,
                idempotencyKey,
                hash(request),
                request.callbackUrl()));
        return ResponseEntity.accepted()
                .location(URI.create("/orders/" + order.id()))
                .body(OrderResponse.of(order));
    }

    /**
     * Asks to cancel: accepted while the order can still be stopped, then the baristas decide. Follow the order to see
     * whether it ends CANCELLED (not charged) or goes on to READY (too late). 409 once it is made or given up.
     */
    @PostMapping("/{id}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(
            status = 404,
            type = "https://coffeeshop.dev/problems/order-not-found",
            when = "there is no such order of the caller's")
    @ProblemResponse(
            status = 409,
            type = "https://coffeeshop.dev/problems/order-not-cancellable",
            when = "the order is made or given up already")
    ResponseEntity<OrderResponse> cancel(@PathVariable UUID id, Authentication caller) {
        return ResponseEntity.accepted()
                .location(URI.create("/orders/" + id))
                .body(OrderResponse.of(cashier.cancel(id, of(caller))));
    }

    /** The caller's own order; another customer's is not found, exactly as one that does not exist. Staff see all. */
    @GetMapping("/{id}")
    @ProblemResponse(
            status = 404,
            type = "https://coffeeshop.dev/problems/order-not-found",
            when = "there is no such order of the caller's")
    OrderResponse order(@PathVariable UUID id, Authentication caller) {
        return OrderResponse.of(cashier.find(id, of(caller)));
    }

    /** Who asks, as the token says: its subject, and whether it carries the staff scope. */
    private static Caller of(Authentication caller) {
        return new Caller(caller.getName(), Scopes.granted(caller, Scopes.STAFF));
    }

    private String hash(PlaceOrderRequest request) {
        try {
            byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
