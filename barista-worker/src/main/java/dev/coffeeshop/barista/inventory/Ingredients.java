package dev.coffeeshop.barista.inventory;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Quantities of ingredients in base units, ordered by ingredient name: the order in which inventory rows are locked,
 * so two baristas never wait for each other crosswise.
 */
public record Ingredients(SortedMap<String, Long> quantities) {

    public Ingredients {
        var copy = new TreeMap<String, Long>();
        quantities.forEach((ingredient, quantity) -> {
            if (quantity < 0) {
                throw new IllegalArgumentException("negative quantity of " + ingredient + ": " + quantity);
            }
            if (quantity > 0) {
                copy.put(ingredient, quantity);
            }
        });
        quantities = Collections.unmodifiableSortedMap(copy);
    }

    public static Ingredients none() {
        return new Ingredients(new TreeMap<>());
    }

    public static Ingredients of(Map<String, Long> quantities) {
        return new Ingredients(new TreeMap<>(quantities));
    }

    public static Ingredients of(String ingredient, long quantity) {
        return none().plus(ingredient, quantity);
    }

    public static Ingredients of(String ingredient, long quantity, String other, long otherQuantity) {
        return of(ingredient, quantity).plus(other, otherQuantity);
    }

    public static Ingredients of(
            String ingredient, long quantity, String other, long otherQuantity, String third, long thirdQuantity) {
        return of(ingredient, quantity, other, otherQuantity).plus(third, thirdQuantity);
    }

    public Ingredients plus(String ingredient, long quantity) {
        var sum = new TreeMap<>(quantities);
        sum.merge(ingredient, quantity, Math::addExact);
        return new Ingredients(sum);
    }

    public Ingredients plus(Ingredients other) {
        var sum = new TreeMap<>(quantities);
        other.quantities.forEach((ingredient, quantity) -> sum.merge(ingredient, quantity, Math::addExact));
        return new Ingredients(sum);
    }

    public Ingredients times(int factor) {
        var product = new TreeMap<String, Long>();
        quantities.forEach((ingredient, quantity) -> product.put(ingredient, Math.multiplyExact(quantity, factor)));
        return new Ingredients(product);
    }

    /** Scales every quantity by {@code percent}, rounding up: a barista never pours a little less than the recipe. */
    public Ingredients scaledByPercent(int percent) {
        var scaled = new TreeMap<String, Long>();
        quantities.forEach((ingredient, quantity) ->
                scaled.put(ingredient, Math.ceilDiv(Math.multiplyExact(quantity, percent), 100L)));
        return new Ingredients(scaled);
    }

    /** The same recipe with {@code ingredient} swapped for {@code substitute}, e.g. milk for oat milk. */
    public Ingredients replacing(String ingredient, String substitute) {
        Long quantity = quantities.get(ingredient);
        if (quantity == null) {
            return this;
        }
        var replaced = new TreeMap<>(quantities);
        replaced.remove(ingredient);
        replaced.merge(substitute, quantity, Math::addExact);
        return new Ingredients(replaced);
    }

    public long quantityOf(String ingredient) {
        return quantities.getOrDefault(ingredient, 0L);
    }

    public boolean isEmpty() {
        return quantities.isEmpty();
    }
}
