package dev.coffeeshop.intake.menu;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drinks, sizes and options with their prices in cents. The barista's recipes use the same codes.
 *
 * @param currency ISO 4217 code of every price
 */
public record Menu(String currency, List<String> sizes, List<Drink> drinks, List<Option> options) {

    /** A drink and its price per size. */
    public record Drink(String code, String name, Map<String, Long> prices) {}

    /** Something added to a drink, at a fixed price per drink. */
    public record Option(String code, String name, long priceCents) {}

    public Optional<Drink> drink(String code) {
        return drinks.stream().filter(d -> d.code().equals(code)).findFirst();
    }

    public Optional<Option> option(String code) {
        return options.stream().filter(o -> o.code().equals(code)).findFirst();
    }

    /** What the shop sells today. */
    public static Menu standard() {
        return new Menu(
                "EUR",
                List.of("small", "medium", "large"),
                List.of(
                        drink("espresso", "Espresso", 220, 260, 300),
                        drink("americano", "Americano", 260, 300, 340),
                        drink("cappuccino", "Cappuccino", 300, 360, 420),
                        drink("latte", "Caffè latte", 320, 380, 440),
                        drink("flat-white", "Flat white", 340, 400, 460),
                        drink("mocha", "Mocha", 360, 420, 480),
                        drink("pumpkin-spice-latte", "Pumpkin spice latte (seasonal)", 420, 480, 540)),
                List.of(
                        new Option("oat-milk", "Oat milk", 50),
                        new Option("extra-shot", "Extra shot", 70),
                        new Option("vanilla-syrup", "Vanilla syrup", 40),
                        new Option("decaf", "Decaf", 0)));
    }

    private static Drink drink(String code, String name, long small, long medium, long large) {
        return new Drink(code, name, Map.of("small", small, "medium", medium, "large", large));
    }
}
