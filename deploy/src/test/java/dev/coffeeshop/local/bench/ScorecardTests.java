package dev.coffeeshop.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScorecardTests {

    @Test
    void combinesTheCeilingsAsCostsPerOrderAddedUp() {
        // given 1000 req/s HTTP, 1000 tx/s database, 2000 records/s Kafka
        var figures = figures(1000, 1000, 2000, 400, 200, 4, 20, 3000, 1000, 4000, 2000, 300);

        // when
        double combined = figures.combinedCeiling();

        // then 1 / (1/1000 + 1/1000 + 1/2000)
        assertThat(combined).isEqualTo(400.0);
    }

    @Test
    void judgesEveryGoalAgainstItsRatio() {
        // given POST at 0.4 of HTTP, e2e at 0.5 of combined (400), ready p99 20 ms = 5 Kafka round trips, drain 3x
        // fill,
        // AOT at 0.5 of plain, 300 MB resident
        var figures = figures(1000, 1000, 2000, 400, 200, 4, 20, 3000, 1000, 4000, 2000, 300);

        // when
        List<Scorecard.Row> rows = Scorecard.rows(figures);

        // then
        assertThat(met(rows, "POST /orders closed loop")).contains(true);
        assertThat(ratio(rows, "POST /orders closed loop")).isEqualTo("0.40x HTTP");
        assertThat(met(rows, "max sustainable end-to-end")).contains(false);
        assertThat(ratio(rows, "max sustainable end-to-end")).isEqualTo("0.50x comb.");
        assertThat(met(rows, "placed->ready p99")).contains(true);
        assertThat(met(rows, "outbox drain vs fill")).contains(true);
        assertThat(met(rows, "RSS under load: order-intake")).contains(true);
        assertThat(met(rows, "cold start")).contains(true);
    }

    @Test
    void failsTheLatencyGoalAtFiftyMillisecondsWhateverKafkaDoes() {
        // given a slow broker (p99 20 ms) and a p99 of 50 ms, only 2.5 round trips
        var figures = figures(1000, 1000, 2000, 400, 200, 20, 50, 3000, 1000, 4000, 2000, 300);

        // when
        List<Scorecard.Row> rows = Scorecard.rows(figures);

        // then
        assertThat(met(rows, "placed->ready p99")).contains(false);
    }

    @Test
    void leavesAFigureThatWasNotMeasuredWithoutAVerdict() {
        // given no cold start figures
        var figures = figures(1000, 1000, 2000, 400, 200, 4, 20, 3000, 1000, Double.NaN, Double.NaN, 300);

        // when
        List<Scorecard.Row> rows = Scorecard.rows(figures);

        // then
        assertThat(met(rows, "cold start")).isEmpty();
        assertThat(row(rows, "cold start").value()).isEqualTo("n/a / n/a");
    }

    @Test
    void printsATableWithAHeaderAndOneLinePerRow() {
        // given
        var rows = Scorecard.rows(figures(1000, 1000, 2000, 400, 200, 4, 20, 3000, 1000, 4000, 2000, 300));

        // when
        String table = Scorecard.table(rows);

        // then
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).startsWith("figure").contains("value", "ratio", "goal", "met?");
        assertThat(lines.get(1)).matches("-+");
        assertThat(lines).hasSize(rows.size() + 2);
        assertThat(table).contains("max sustainable end-to-end", "200 orders/s", "NO");
    }

    private static Figures figures(
            double http,
            double database,
            double kafka,
            double post,
            double maxSustainable,
            double kafkaP99,
            double readyP99,
            double outboxDrain,
            double outboxFill,
            double coldPlain,
            double coldAot,
            double rss) {
        return new Figures(
                http,
                database,
                kafka,
                kafkaP99 / 2,
                kafkaP99,
                post,
                5,
                20,
                maxSustainable,
                maxSustainable / 2,
                readyP99 / 2,
                readyP99,
                readyP99 * 2,
                outboxFill,
                outboxDrain,
                coldPlain,
                coldAot,
                Map.of("order-intake", rss, "barista-worker", rss));
    }

    private static Scorecard.Row row(List<Scorecard.Row> rows, String figure) {
        return rows.stream()
                .filter(r -> r.figure().startsWith(figure))
                .findFirst()
                .orElseThrow();
    }

    private static Optional<Boolean> met(List<Scorecard.Row> rows, String figure) {
        return row(rows, figure).met();
    }

    private static String ratio(List<Scorecard.Row> rows, String figure) {
        return row(rows, figure).ratio();
    }
}
