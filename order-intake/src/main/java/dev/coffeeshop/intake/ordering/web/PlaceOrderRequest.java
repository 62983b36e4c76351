package dev.coffeeshop.intake.ordering.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /orders}. Fields not listed here (a price, a status) are rejected, not ignored.
 *
 * <p>{@code callbackUrl} is optional: an absolute http(s) URL without credentials where the order's notifications are
 * posted as signed webhooks. Only its shape is checked here; whether its host may be called at all (no loopback,
 * private or metadata addresses) is decided by the notification service when it delivers. Left out of the request
 * hash's JSON when absent, so requests without it hash as they did before it existed.
 */
record PlaceOrderRequest(
        @Schema(example = "Ada")
        @NotBlank
        @Size(max = 80)
        @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String customerName,

        @Schema(example = "tok_approve") @NotBlank @Size(max = 100)
        String paymentToken,

        @NotEmpty @Size(max = 20) List<@Valid @NotNull Item> items,

        @Schema(example = "https://ada.example/coffee/hooks")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Size(max = 2000)
        @Pattern(
                regexp = ABSOLUTE_HTTP_URL,
                flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "must be an absolute http or https URL without credentials")
        String callbackUrl) {

    static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";

    /** A scheme, a host (no user info, no spaces) and optionally a port, path, query; nothing but printable ASCII. */
    static final String ABSOLUTE_HTTP_URL = "https?://[\\x21-\\x7E&&[^/?#@]]+([/?#][\\x21-\\x7E]*)?";

    record Item(
            @Schema(example = "latte") @NotBlank @Size(max = 40)
            String drink,

            @Schema(example = "medium") @NotBlank @Size(max = 20)
            String size,

            @Schema(example = "2") @Min(1) @Max(20) int quantity,

            @Schema(example = "[\"oat-milk\"]") @Size(max = 5)
            List<@NotBlank @Size(max = 40) String> options) {}
}
