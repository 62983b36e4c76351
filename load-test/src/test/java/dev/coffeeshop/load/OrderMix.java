package dev.coffeeshop.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The demo's crowd ({@code ./coffeeshop demo}): 70% ordinary orders of assorted drinks, sizes and options, 15% with
 * the sold-out seasonal drink, 15% with a declined card. Of the ordinary ones, some are cancelled at once and some
 * retried with the same Idempotency-Key. Kinds come in shuffled rounds of {@value #ROUND}, so any run of whole rounds
 * has exactly these shares, however short it is.
 *
 * <p>An endless Gatling feeder: each record holds {@code kind}, {@code idempotencyKey} and the JSON {@code body}.
 */
final class OrderMix implements Iterator<Map<String, Object>> {

    static final int ROUND = 20;

    /** How many orders of each kind one round holds. */
    static final Map<OrderKind, Integer> PER_ROUND = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            OrderKind.ORDINARY, 10,
            OrderKind.RETRIED, 2,
            OrderKind.CANCELLED, 2,
            OrderKind.SOLD_OUT, 3,
            OrderKind.DECLINED, 3)));

    static final String SOLD_OUT_DRINK = "pumpkin-spice-latte";
    static final String APPROVED_CARD = "tok_approve";
    static final String DECLINED_CARD = "tok_decline";

    // The intake's default menu (GET /menu), less the sold-out drink; a drink it stops selling shows up as 400s.
    private static final List<String> DRINKS =
            List.of("espresso", "americano", "cappuccino", "latte", "flat-white", "mocha");
    private static final List<String> SIZES = List.of("small", "medium", "large");
    private static final List<String> OPTIONS = List.of("oat-milk", "extra-shot", "vanilla-syrup", "decaf");
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

    private final Random random;
    private final List<OrderKind> round = new ArrayList<>();

    OrderMix(Random random) {
        this.random = random;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    /** Gatling may ask from several threads at once. */
    @Override
    public synchronized Map<String, Object> next() {
        if (round.isEmpty()) {
            PER_ROUND.forEach((kind, count) -> round.addAll(Collections.nCopies(count, kind)));
            Collections.shuffle(round, random);
        }
        OrderKind kind = round.removeLast();
        return Map.of(
                "kind",
                kind.name(),
                "idempotencyKey",
                new UUID(random.nextLong(), random.nextLong()).toString(),
                "body",
                body(kind));
    }

    private String body(OrderKind kind) {
        var items = new ArrayList<String>();
        int ordinaryItems = kind == OrderKind.SOLD_OUT ? random.nextInt(2) : 1 + random.nextInt(3);
        for (int i = 0; i < ordinaryItems; i++) {
            items.add(item(pick(DRINKS)));
        }
        if (kind == OrderKind.SOLD_OUT) {
            items.add(random.nextInt(items.size() + 1), item(SOLD_OUT_DRINK));
        }
        String card = kind == OrderKind.DECLINED ? DECLINED_CARD : APPROVED_CARD;
        return "{\"customerName\":%s,\"paymentToken\":%s,\"items\":[%s]}"
                .formatted(quoted(pick(CUSTOMERS)), quoted(card), String.join(",", items));
    }

    private String item(String drink) {
        var options = new ArrayList<>(OPTIONS);
        Collections.shuffle(options, random);
        int quantity = random.nextInt(4) == 0 ? 2 : 1;
        return "{\"drink\":%s,\"size\":%s,\"quantity\":%d,\"options\":[%s]}"
                .formatted(
                        quoted(drink),
                        quoted(pick(SIZES)),
                        quantity,
                        options.subList(0, random.nextInt(3)).stream()
                                .map(OrderMix::quoted)
                                .collect(Collectors.joining(",")));
    }

    // every value comes from the lists above: plain words that need no escaping
    private static String quoted(String value) {
        return '"' + value + '"';
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
