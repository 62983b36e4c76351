package dev.coffeeshop.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderMixTests {

    @Test
    void everyRoundHoldsTheDemosSharesExactly() {
        // given
        var mix = new OrderMix(new Random(7));

        // when
        var firstRounds = IntStream.range(0, 3 * OrderMix.ROUND)
                .mapToObj(i -> OrderKind.valueOf((String) mix.next().get("kind")))
                .toList();

        // then
        for (int round = 0; round < 3; round++) {
            var counts = new EnumMap<OrderKind, Integer>(OrderKind.class);
            firstRounds
                    .subList(round * OrderMix.ROUND, (round + 1) * OrderMix.ROUND)
                    .forEach(kind -> counts.merge(kind, 1, Integer::sum));
            assertThat(counts).isEqualTo(OrderMix.PER_ROUND);
        }
        int round =
                OrderMix.PER_ROUND.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(round).isEqualTo(OrderMix.ROUND);
        assertThat(share(OrderKind.SOLD_OUT)).isEqualTo(0.15);
        assertThat(share(OrderKind.DECLINED)).isEqualTo(0.15);
    }

    @Test
    void onlySoldOutOrdersAskForTheSoldOutDrinkAndOnlyDeclinedOnesPayWithTheDecliningCard() {
        // given
        var mix = new OrderMix(new Random(11));

        // when
        var orders = IntStream.range(0, 500).mapToObj(i -> mix.next()).toList();

        // then
        for (Map<String, Object> order : orders) {
            var kind = OrderKind.valueOf((String) order.get("kind"));
            String body = (String) order.get("body");
            assertThat(body.contains("\"" + OrderMix.SOLD_OUT_DRINK + "\""))
                    .as(body)
                    .isEqualTo(kind == OrderKind.SOLD_OUT);
            assertThat(body)
                    .contains("\"paymentToken\":\""
                            + (kind == OrderKind.DECLINED ? OrderMix.DECLINED_CARD : OrderMix.APPROVED_CARD) + "\"");
        }
    }

    @Test
    void givesEveryOrderItsOwnIdempotencyKey() {
        // given
        var mix = new OrderMix(new Random(3));

        // when
        var keys = IntStream.range(0, 1000)
                .mapToObj(i -> mix.next().get("idempotencyKey"))
                .toList();

        // then
        assertThat(keys).doesNotHaveDuplicates();
    }

    private static double share(OrderKind kind) {
        return OrderMix.PER_ROUND.get(kind) / (double) OrderMix.ROUND;
    }
}
