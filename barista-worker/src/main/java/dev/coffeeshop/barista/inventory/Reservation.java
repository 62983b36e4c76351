package dev.coffeeshop.barista.inventory;

import java.util.Map;

/** The outcome of reserving an order's ingredients: all of them, or none when any one is short. */
public sealed interface Reservation {

    /** Every ingredient was available and has been taken. */
    record Granted(Ingredients ingredients) implements Reservation {}

    /** Nothing was taken, because {@code ingredient} (the first short one by name) is short. */
    record Refused(String ingredient, long needed, long onHand) implements Reservation {

        public String detail() {
            return "not enough " + ingredient + ": needed " + needed + ", " + onHand + " on hand";
        }
    }

    /** Decides on stock alone; an ingredient that is not stocked at all counts as zero on hand. */
    static Reservation decide(Ingredients needed, Map<String, Long> onHand) {
        for (var entry : needed.quantities().entrySet()) {
            long available = onHand.getOrDefault(entry.getKey(), 0L);
            if (available < entry.getValue()) {
                return new Refused(entry.getKey(), entry.getValue(), available);
            }
        }
        return new Granted(needed);
    }
}
