package dev.coffeeshop.intake.ordering.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /orders}. Fields not listed here (a price, a status) are rejected, not ignored. */
record PlaceOrderRequest(
        @NotBlank
        @Size(max = 80)
        @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String customerName,

        @NotBlank @Size(max = 100) String paymentToken,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Item> items) {

    static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";

    record Item(
            @NotBlank @Size(max = 40) String drink,
            @NotBlank @Size(max = 20) String size,
            @Min(1) @Max(20) int quantity,
            @Size(max = 5) List<@NotBlank @Size(max = 40) String> options) {}
}
