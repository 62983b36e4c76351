package dev.coffeeshop.events;

import java.util.List;

/** One line of an order as the cashier priced it: published inside {@link OrderPlaced}. */
public record LineItem(String drink, String size, int quantity, List<String> options) {

    public LineItem {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
