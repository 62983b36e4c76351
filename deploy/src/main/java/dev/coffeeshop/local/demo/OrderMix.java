package dev.coffeeshop.local.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A believable crowd: about 70% ordinary orders of assorted drinks, sizes and options, about 15% that include the
 * sold-out seasonal drink (accepted, then refunded) and about 15% with a card that is declined at the till.
 */
public final class OrderMix {

    static final double SOLD_OUT_SHARE = 0.15;
    static final double DECLINED_SHARE = 0.15;
    static final String APPROVED_CARD = "tok_approve";
    static final String DECLINED_CARD = "tok_decline";

    private static final List<String> CUSTOMERS = List.of(
            "Ada",
            "Barbara",
            "Claude",
            "Dennis",
            "Edsger",
            "Frances",
            "Grace",
            "Hedy",
            "Ivan",
            "Joan",
            "Ken",
            "Linus",
            "Margaret",
            "Niklaus",
            "Ole",
            "Peter",
            "Radia",
            "Sophie",
            "Tim",
            "Whitfield");

    private final Menu menu;
    private final Random random;

    public OrderMix(Menu menu, Random random) {
        if (menu.availableDrinks().isEmpty() || menu.sizes().isEmpty()) {
            throw new IllegalArgumentException("the menu has no drinks or no sizes: " + menu);
        }
        this.menu = menu;
        this.random = random;
    }

    /** {@code count} orders in random order; how many of each kind is fixed by the shares, rounded. */
    public List<PlannedOrder> plan(int count) {
        int soldOut = (int) Math.round(count * SOLD_OUT_SHARE);
        int declined = (int) Math.round(count * DECLINED_SHARE);
        var kinds = new ArrayList<Outcome>();
        for (int i = 0; i < count; i++) {
            kinds.add(i < soldOut ? Outcome.REFUNDED : i < soldOut + declined ? Outcome.DECLINED : Outcome.READY);
        }
        Collections.shuffle(kinds, random);
        var orders = new ArrayList<PlannedOrder>();
        for (int i = 0; i < count; i++) {
            orders.add(order(i + 1, kinds.get(i)));
        }
        return orders;
    }

    private PlannedOrder order(int number, Outcome expected) {
        var items = new ArrayList<Map<String, Object>>();
        int ordinaryItems = expected == Outcome.REFUNDED ? random.nextInt(2) : 1 + random.nextInt(3);
        for (int i = 0; i < ordinaryItems; i++) {
            items.add(item(pick(menu.availableDrinks())));
        }
        if (expected == Outcome.REFUNDED) {
            items.add(random.nextInt(items.size() + 1), item(Menu.SOLD_OUT_DRINK));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("customerName", pick(CUSTOMERS));
        body.put("paymentToken", expected == Outcome.DECLINED ? DECLINED_CARD : APPROVED_CARD);
        body.put("items", items);
        return new PlannedOrder(number, expected, new UUID(random.nextLong(), random.nextLong()).toString(), body);
    }

    private Map<String, Object> item(String drink) {
        var options = new ArrayList<String>();
        if (!menu.options().isEmpty()) {
            int wanted = random.nextInt(3);
            var shuffled = new ArrayList<>(menu.options());
            Collections.shuffle(shuffled, random);
            options.addAll(shuffled.subList(0, Math.min(wanted, shuffled.size())));
        }
        var item = new LinkedHashMap<String, Object>();
        item.put("drink", drink);
        item.put("size", pick(menu.sizes()));
        item.put("quantity", 1 + (random.nextInt(4) == 0 ? 1 : 0));
        item.put("options", options);
        return item;
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
