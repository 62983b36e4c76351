package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.intake.menu.Menu;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Checks an order's lines against the menu and prices them. */
final class Pricing {

    private Pricing() {}

    /** The total in cents; throws naming every line that is not on the menu. */
    static long total(Menu menu, List<LineItem> items) {
        var violations = new ArrayList<InvalidOrderException.Violation>();
        long total = 0;
        for (int i = 0; i < items.size(); i++) {
            LineItem item = items.get(i);
            String at = "items[" + i + "]";
            var drink = menu.drink(item.drink());
            if (drink.isEmpty()) {
                violations.add(new InvalidOrderException.Violation(
                        at + ".drink", "'" + item.drink() + "' is not on the menu"));
                continue;
            }
            Long sizePrice = drink.get().prices().get(item.size());
            if (sizePrice == null) {
                violations.add(new InvalidOrderException.Violation(
                        at + ".size", "'" + item.size() + "' is not one of " + menu.sizes()));
                continue;
            }
            long each = sizePrice;
            var seen = new HashSet<String>();
            for (String code : item.options()) {
                var option = menu.option(code);
                if (option.isEmpty()) {
                    violations.add(
                            new InvalidOrderException.Violation(at + ".options", "'" + code + "' is not an option"));
                } else if (!seen.add(code)) {
                    violations.add(new InvalidOrderException.Violation(at + ".options", "'" + code + "' is repeated"));
                } else {
                    each += option.get().priceCents();
                }
            }
            total += each * item.quantity();
        }
        if (!violations.isEmpty()) {
            throw new InvalidOrderException(violations);
        }
        return total;
    }
}
