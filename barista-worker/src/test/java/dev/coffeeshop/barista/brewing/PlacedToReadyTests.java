package dev.coffeeshop.barista.brewing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PlacedToReadyTests {

    static final UUID ORDER = UUID.randomUUID();
    static final Instant PLACED = Instant.parse("2026-12-02T10:00:00Z");

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final PlacedToReady placedToReady = new PlacedToReady(meters);

    @Test
    void recordsTheWaitFromPlacementToHandOverInTheServiceLevelBuckets() {
        // given an order handed over 3.2 s after it was placed
        OrderPlaced order = placed();
        Decision handedOver = Decision.about(order, 1, Decision.Outcome.READY, "ready for Ada")
                .publishing(new OrderReady(UUID.randomUUID(), ORDER, PLACED.plusMillis(3200), "Ada"));

        // when
        placedToReady.handedOver(order, handedOver);

        // then
        var timer = meters.get(PlacedToReady.NAME).timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3200.0);
        CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
        assertThat(Arrays.stream(buckets).map(b -> b.bucket(TimeUnit.SECONDS)))
                .containsExactly(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0);
        assertThat(Arrays.stream(buckets)
                        .filter(b -> b.bucket(TimeUnit.SECONDS) < 5)
                        .mapToDouble(CountAtBucket::count))
                .containsOnly(0.0);
        assertThat(Arrays.stream(buckets)
                        .filter(b -> b.bucket(TimeUnit.SECONDS) >= 5)
                        .mapToDouble(CountAtBucket::count))
                .containsOnly(1.0);
    }

    @Test
    void recordsNothingForADecisionThatHandsNothingOver() {
        // given a preparation rejected: nothing announced as ready
        OrderPlaced order = placed();
        Decision rejected = Decision.about(order, 1, Decision.Outcome.REJECTED, "out of stock");

        // when
        placedToReady.handedOver(order, rejected);

        // then
        assertThat(meters.get(PlacedToReady.NAME).timer().count()).isZero();
    }

    private static OrderPlaced placed() {
        return new OrderPlaced(
                UUID.randomUUID(),
                ORDER,
                PLACED,
                "Ada",
                List.of(new LineItem("espresso", "small", 1, List.of())),
                250,
                "EUR");
    }
}
