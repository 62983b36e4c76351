package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.barista.inventory.Ingredients;
import dev.coffeeshop.events.LineItem;
import java.util.List;
import java.util.Map;

/** What goes into each drink on the menu: small recipes, size factors and the options that change them. */
final class Recipes {

    static final String COFFEE_BEANS = "coffee-beans";
    static final String DECAF_BEANS = "decaf-beans";
    static final String MILK = "milk";
    static final String OAT_MILK = "oat-milk";
    static final String CHOCOLATE = "chocolate";
    static final String VANILLA_SYRUP = "vanilla-syrup";
    static final String PUMPKIN_SPICE = "pumpkin-spice";

    private static final long SHOT = 18;

    private static final Map<String, Ingredients> SMALL = Map.of(
            "espresso", Ingredients.of(COFFEE_BEANS, SHOT),
            "americano", Ingredients.of(COFFEE_BEANS, SHOT),
            "cappuccino", Ingredients.of(COFFEE_BEANS, SHOT, MILK, 150),
            "latte", Ingredients.of(COFFEE_BEANS, SHOT, MILK, 250),
            "flat-white", Ingredients.of(COFFEE_BEANS, 2 * SHOT, MILK, 120),
            "mocha", Ingredients.of(COFFEE_BEANS, SHOT, MILK, 200, CHOCOLATE, 30),
            "pumpkin-spice-latte", Ingredients.of(COFFEE_BEANS, SHOT, MILK, 250, PUMPKIN_SPICE, 15));

    private static final Map<String, Integer> SIZE_PERCENT = Map.of("small", 100, "medium", 150, "large", 200);

    private static final List<String> OPTIONS = List.of("oat-milk", "extra-shot", "vanilla-syrup", "decaf");

    private Recipes() {}

    /** Everything an order takes, all lines together. */
    static Ingredients forOrder(List<LineItem> items) {
        if (items == null || items.isEmpty()) {
            throw new InvalidOrderException("order has no items");
        }
        Ingredients total = Ingredients.none();
        for (LineItem item : items) {
            total = total.plus(forLine(item));
        }
        return total;
    }

    /** How many cups an order fills: what the barista's time is measured in. */
    static long drinks(List<LineItem> items) {
        return items.stream().mapToLong(LineItem::quantity).sum();
    }

    static Ingredients forLine(LineItem item) {
        if (item == null) {
            throw new InvalidOrderException("order has an empty line");
        }
        Ingredients small = SMALL.get(item.drink());
        if (small == null) {
            throw new InvalidOrderException("unknown drink '" + item.drink() + "'");
        }
        Integer percent = SIZE_PERCENT.get(item.size());
        if (percent == null) {
            throw new InvalidOrderException("unknown size '" + item.size() + "' of " + item.drink());
        }
        if (item.quantity() < 1) {
            throw new InvalidOrderException("quantity " + item.quantity() + " of " + item.drink() + " is below 1");
        }
        Ingredients cup = small.scaledByPercent(percent);
        for (String option : item.options()) {
            cup = withOption(cup, option, item.drink());
        }
        // decaf last, so an extra shot in a decaf drink is decaf too
        if (item.options().contains("decaf")) {
            cup = cup.replacing(COFFEE_BEANS, DECAF_BEANS);
        }
        return cup.times(item.quantity());
    }

    private static Ingredients withOption(Ingredients cup, String option, String drink) {
        return switch (option) {
            case "oat-milk" -> cup.replacing(MILK, OAT_MILK);
            // a shot and a pump are the same in every size
            case "extra-shot" -> cup.plus(COFFEE_BEANS, SHOT);
            case "vanilla-syrup" -> cup.plus(VANILLA_SYRUP, 10);
            case "decaf" -> cup;
            case null -> throw new InvalidOrderException("empty option on " + drink);
            default ->
                throw new InvalidOrderException("unknown option '" + option + "' on " + drink + "; known: " + OPTIONS);
        };
    }
}
