package dev.coffeeshop.local.demo;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What the cashier sells, as GET /menu tells it: drink codes, sizes and option codes. */
public record Menu(List<String> drinks, List<String> sizes, List<String> options) {

    /** The seasonal drink the baristas' default inventory cannot make: ordering it ends in a refund. */
    public static final String SOLD_OUT_DRINK = "pumpkin-spice-latte";

    public Menu {
        drinks = List.copyOf(drinks);
        sizes = List.copyOf(sizes);
        options = List.copyOf(options);
    }

    public static Menu from(JsonNode menu) {
        var drinks = new ArrayList<String>();
        menu.path("drinks").forEach(drink -> drinks.add(drink.path("code").asString()));
        var sizes = new ArrayList<String>();
        menu.path("sizes").forEach(size -> sizes.add(size.asString()));
        var options = new ArrayList<String>();
        menu.path("options").forEach(option -> options.add(option.path("code").asString()));
        return new Menu(drinks, sizes, options);
    }

    /** Drinks the baristas can make with the default inventory. */
    public List<String> availableDrinks() {
        return drinks.stream().filter(d -> !d.equals(SOLD_OUT_DRINK)).toList();
    }
}
