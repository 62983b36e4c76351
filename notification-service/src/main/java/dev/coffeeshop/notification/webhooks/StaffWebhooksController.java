package dev.coffeeshop.notification.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.coffeeshop.messaging.contracts.ProblemResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What staff do about webhooks, with the staff scope ({@code /staff/**}): see the parked deliveries, redeliver one
 * (same delivery id, attempts reset, due now), and reveal the signing secret of a receiver's origin to onboard it.
 */
@RestController
class StaffWebhooksController {

    private final Webhooks webhooks;
    private final WebhookSigner signer;
    private final Clock clock;

    StaffWebhooksController(Webhooks webhooks, WebhookSigner signer, Clock clock) {
        this.webhooks = webhooks;
        this.signer = signer;
        this.clock = clock;
    }

    @GetMapping("/staff/webhooks/parked")
    List<Webhooks.Delivery> parked(@RequestParam(defaultValue = "100") int limit) {
        return webhooks.parked(Math.clamp(limit, 1, 1000));
    }

    @GetMapping("/staff/webhooks/orders/{orderId}")
    List<Webhooks.Delivery> ofOrder(@PathVariable UUID orderId) {
        return webhooks.ofOrder(orderId);
    }

    @PostMapping("/staff/webhooks/{deliveryId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(status = 404, when = "there is no parked delivery of that id")
    ResponseEntity<?> redeliver(@PathVariable UUID deliveryId) {
        if (!webhooks.redeliver(deliveryId, clock.instant())) {
            var problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "No parked webhook delivery " + deliveryId + ".");
            problem.setType(URI.create("https://coffeeshop.dev/problems/no-parked-delivery"));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/staff/webhooks/secret")
    ResponseEntity<?> secret(@RequestParam String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getScheme() == null) {
                throw new URISyntaxException(url, "not an absolute URL with a host");
            }
            return ResponseEntity.ok(new Secret(
                    WebhookSigner.origin(uri),
                    signer.secretFor(uri),
                    signer.previousSecretFor(uri).orElse(null)));
        } catch (URISyntaxException e) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "url: " + e.getMessage());
            problem.setType(URI.create("https://coffeeshop.dev/problems/invalid-request"));
            return ResponseEntity.badRequest().body(problem);
        }
    }

    /** {@code previousSecret}: only while the master key is rotated, the secret the receiver had before. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Secret(String origin, String secret, @Nullable String previousSecret) {}
}
