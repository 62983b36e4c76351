package dev.coffeeshop.notification.webhooks;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The signed webhook in the service's OpenAPI document (OpenAPI 3.1's {@code webhooks}): what a customer's receiver
 * at the order's {@code callbackUrl} is sent and should answer, as {@link WebhookCourier} sends it and
 * {@code Webhooks.payload} writes its body. The body is written field by field there, so it is described field by
 * field here; {@code ContractsTests} keeps the description checked in and compatible. See docs/webhooks.md.
 */
@Component
class WebhookDescription implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI api) {
        var body = new Schema<>()
                .types(Set.of("object"))
                .addProperty("deliveryId", string("uuid", "the same on every attempt of this delivery; drop one seen"))
                .addProperty("orderId", string("uuid", "the order the notification is about"))
                .addProperty(
                        "kind",
                        string(null, "what happened; an order gets at most one of each kind")
                                ._enum(List.of(
                                        "RECEIVED",
                                        "CANCELLATION_REFUSED",
                                        "READY_FOR_PICKUP",
                                        "CANCELLED",
                                        "REFUNDED")))
                .addProperty("customerName", new Schema<>().types(Set.of("string", "null")))
                .addProperty("message", string(null, "what the customer is told"))
                .addProperty("occurredAt", string("date-time", "when it happened; order notifications by it"))
                .addProperty("createdAt", string("date-time", "when the notification was made"))
                .required(List.of("deliveryId", "orderId", "kind", "message", "occurredAt", "createdAt"));
        var delivery = new Operation()
                .summary("A notification of an order, posted to its callbackUrl")
                .description("Sent at least once, signed, retried with back-off until the receiver answers 2xx, and"
                        + " parked for staff after the last attempt. See docs/webhooks.md for verifying the signature.")
                .addParametersItem(header(
                        "Coffeeshop-Signature",
                        "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + \".\" + raw body)>; two v1 while the key"
                                + " is rotated",
                        true))
                .addParametersItem(header(WebhookCourier.DELIVERY_ID, "the body's deliveryId", true))
                .addParametersItem(header(
                        "traceparent", "the delivery attempt's span in the order's trace, where it is traced", false))
                .requestBody(new RequestBody()
                        .required(true)
                        .content(new Content().addMediaType("application/json", new MediaType().schema(body))))
                .responses(new ApiResponses()
                        .addApiResponse("2XX", new ApiResponse().description("Received: not sent again."))
                        .addApiResponse(
                                "default",
                                new ApiResponse()
                                        .description("Anything else, or no answer in time: sent again later.")));
        api.addWebhooks("orderNotification", new PathItem().post(delivery));
    }

    private static HeaderParameter header(String name, String description, boolean required) {
        var header = new HeaderParameter();
        header.name(name).description(description).required(required).schema(new Schema<>().types(Set.of("string")));
        return header;
    }

    private static Schema<Object> string(@Nullable String format, String description) {
        var schema = new Schema<>().types(Set.of("string")).description(description);
        return format == null ? schema : schema.format(format);
    }
}
