package dev.coffeeshop.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionsTests {

    @Test
    void reportsAStretchByTheOrdersArrivedInItAndHowLongAfterItTheLastOfThemWasFinal() {
        // given
        var burst = new Completions.Window("burst", Duration.ofSeconds(10), Duration.ofSeconds(20));
        var completions = List.of(
                new Completions.Completion(5_000, 5_100, 100),
                new Completions.Completion(10_000, 12_000, 2_000),
                new Completions.Completion(19_000, 24_500, 5_500),
                new Completions.Completion(20_000, 20_200, 200));

        // when
        String line = Completions.line(burst, completions);

        // then
        assertThat(line)
                .contains("arrived     2 (   0.2/s), finished     1 (   0.1/s)")
                .contains("p50  2000 ms, p99   5500 ms, max   5500 ms")
                .endsWith("final 4.5 s after it");
    }

    @Test
    void takesPercentilesByNearestRank() {
        var sorted = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

        assertThat(Completions.percentile(sorted, 50)).isEqualTo(5);
        assertThat(Completions.percentile(sorted, 99)).isEqualTo(10);
        assertThat(Completions.percentile(List.of(42L), 1)).isEqualTo(42);
    }
}
