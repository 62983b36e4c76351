package dev.coffeeshop.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyTests {

    @Test
    void reportsNearestRankPercentilesIncludingTheNinetyNinePointNinth() {
        // given 1 ms .. 2000 ms, in reverse
        var samples = new ArrayList<>(
                IntStream.rangeClosed(1, 2000).mapToObj(Duration::ofMillis).toList());
        Collections.reverse(samples);

        // when
        Latency latency = Latency.of(samples);

        // then
        assertThat(latency.count()).isEqualTo(2000);
        assertThat(latency.p50()).isEqualTo(Duration.ofMillis(1000));
        assertThat(latency.p99()).isEqualTo(Duration.ofMillis(1980));
        assertThat(latency.p999()).isEqualTo(Duration.ofMillis(1998));
        assertThat(latency.max()).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void givesMillisecondsWithTheirFraction() {
        // given
        var duration = Duration.ofNanos(1_250_000);

        // when
        double millis = Latency.millis(duration);

        // then
        assertThat(millis).isEqualTo(1.25);
    }
}
