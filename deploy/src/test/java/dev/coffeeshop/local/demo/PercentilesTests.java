package dev.coffeeshop.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTests {

    @Test
    void reportsNearestRankPercentilesOfAHundredSamples() {
        // given 1 ms .. 100 ms, shuffled
        var samples = new ArrayList<>(
                IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList());
        Collections.reverse(samples);

        // when
        Percentiles p = Percentiles.of(samples);

        // then
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(Duration.ofMillis(50));
        assertThat(p.p90()).isEqualTo(Duration.ofMillis(90));
        assertThat(p.p99()).isEqualTo(Duration.ofMillis(99));
        assertThat(p.max()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void reportsOnlyValuesThatWereMeasuredWhenThereAreFewSamples() {
        // given
        List<Duration> samples = List.of(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(200));

        // when
        Percentiles p = Percentiles.of(samples);

        // then
        assertThat(p.p50()).isEqualTo(Duration.ofMillis(200));
        assertThat(p.p90()).isEqualTo(Duration.ofMillis(300));
        assertThat(p.p99()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void makesEveryPercentileTheOnlySampleOfOne() {
        // given
        List<Duration> one = List.of(Duration.ofMillis(42));

        // when
        Percentiles p = Percentiles.of(one);

        // then
        assertThat(List.of(p.p50(), p.p90(), p.p99(), p.max())).containsOnly(Duration.ofMillis(42));
    }

    @Test
    void refusesToSummariseNothing() {
        // given
        List<Duration> none = List.of();

        // when / then
        assertThatThrownBy(() -> Percentiles.of(none)).isInstanceOf(IllegalArgumentException.class);
    }
}
