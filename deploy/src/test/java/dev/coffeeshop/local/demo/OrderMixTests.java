package dev.coffeeshop.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrderMixTests {

    private static final Menu MENU = new Menu(
            List.of("espresso", "americano", "cappuccino", "latte", "flat-white", "mocha", "pumpkin-spice-latte"),
            List.of("small", "medium", "large"),
            List.of("oat-milk", "extra-shot", "vanilla-syrup", "decaf"));

    @Test
    void mixesSeventyPercentOrdinaryFifteenSoldOutAndFifteenDeclined() {
        // given
        var mix = new OrderMix(MENU, new Random(1));

        // when
        List<PlannedOrder> orders = mix.plan(20);

        // then
        Map<Outcome, Long> expected =
                orders.stream().collect(Collectors.groupingBy(PlannedOrder::expected, Collectors.counting()));
        assertThat(expected)
                .containsEntry(Outcome.READY, 14L)
                .containsEntry(Outcome.REFUNDED, 3L)
                .containsEntry(Outcome.DECLINED, 3L);
    }

    @Test
    void putsTheSoldOutDrinkInExactlyTheOrdersThatShouldBeRefunded() {
        // given
        var mix = new OrderMix(MENU, new Random(2));

        // when
        List<PlannedOrder> orders = mix.plan(200);

        // then
        assertThat(orders).allSatisfy(order -> assertThat(drinks(order).contains(Menu.SOLD_OUT_DRINK))
                .isEqualTo(order.expected() == Outcome.REFUNDED));
    }

    @Test
    void paysWithADeclinedCardExactlyInTheOrdersThatShouldBeDeclined() {
        // given
        var mix = new OrderMix(MENU, new Random(3));

        // when
        List<PlannedOrder> orders = mix.plan(200);

        // then
        assertThat(orders).allSatisfy(order -> assertThat(order.body().get("paymentToken"))
                .isEqualTo(order.expected() == Outcome.DECLINED ? "tok_decline" : "tok_approve"));
    }

    @Test
    void variesDrinksSizesAndOptionsFromTheMenu() {
        // given
        var mix = new OrderMix(MENU, new Random(4));

        // when
        List<Map<String, Object>> items =
                mix.plan(100).stream().flatMap(order -> order.items().stream()).toList();

        // then
        assertThat(items.stream().map(item -> item.get("drink")).distinct())
                .hasSize(MENU.drinks().size());
        assertThat(items.stream().map(item -> item.get("size")).distinct())
                .containsExactlyInAnyOrderElementsOf(MENU.sizes());
        assertThat(items).allSatisfy(item -> {
            assertThat(MENU.options()).containsAll(options(item));
            assertThat((Integer) item.get("quantity")).isBetween(1, 2);
        });
        assertThat(items).anySatisfy(item -> assertThat(options(item)).isNotEmpty());
    }

    @Test
    void givesEveryOrderItsOwnIdempotencyKey() {
        // given
        var mix = new OrderMix(MENU, new Random(5));

        // when
        List<PlannedOrder> orders = mix.plan(500);

        // then
        assertThat(orders.stream().map(PlannedOrder::idempotencyKey)).doesNotHaveDuplicates();
        assertThat(orders.stream().map(PlannedOrder::number))
                .containsExactlyElementsOf(
                        orders.stream().map(PlannedOrder::number).sorted().toList());
    }

    @Test
    void plansTheSameOrdersForTheSameSeed() {
        // given
        Function<Long, List<Map<String, Object>>> bodies = seed -> new OrderMix(MENU, new Random(seed))
                .plan(30).stream().map(PlannedOrder::body).toList();

        // when / then
        assertThat(bodies.apply(7L)).isEqualTo(bodies.apply(7L)).isNotEqualTo(bodies.apply(8L));
    }

    private static List<Object> drinks(PlannedOrder order) {
        return order.items().stream().map(item -> item.get("drink")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> options(Map<String, Object> item) {
        return (List<String>) item.get("options");
    }
}
