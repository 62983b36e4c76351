package dev.coffeeshop.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The figures against the goals of the performance issue: one row per figure, with its ratio and verdict. */
final class Scorecard {

    static final double E2E_SHARE_OF_COMBINED_CEILING = 0.55;
    static final double POST_SHARE_OF_TRIVIAL_ENDPOINT = 0.35;
    static final double READY_P99_KAFKA_ROUND_TRIPS = 5;
    static final double READY_P99_LIMIT_MS = 50;
    static final double OUTBOX_DRAIN_OVER_FILL = 3;
    static final double RESIDENT_MEMORY_LIMIT_MB = 350;
    static final double AOT_SHARE_OF_PLAIN_START = 0.5;

    /**
     * One line of the table; {@code met} is empty for a figure without a goal of its own (a ceiling) or one that could
     * not be measured.
     */
    record Row(String figure, String value, String ratio, String goal, Optional<Boolean> met) {

        String verdict() {
            return met.map(m -> m ? "yes" : "NO").orElse("");
        }
    }

    private Scorecard() {}

    static List<Row> rows(Figures f) {
        var rows = new ArrayList<Row>();
        rows.add(info("ceiling: HTTP GET liveness (32 conns)", rate(f.httpCeiling(), "req/s")));
        rows.add(info("ceiling: PostgreSQL 1-row INSERT (16 thr)", rate(f.databaseCeiling(), "tx/s")));
        rows.add(info("ceiling: Kafka produce acks=all 500 B", rate(f.kafkaCeiling(), "rec/s")));
        rows.add(info(
                "Kafka round trip p50 / p99",
                "%s / %s".formatted(ms(f.kafkaRoundTripP50()), ms(f.kafkaRoundTripP99()))));
        rows.add(info("combined ceiling 1/(1/H+1/D+1/K)", rate(f.combinedCeiling(), "/s")));

        double postShare = f.postRate() / f.httpCeiling();
        rows.add(new Row(
                "POST /orders closed loop (32 conns)",
                rate(f.postRate(), "req/s"),
                times(postShare) + " HTTP",
                ">= " + POST_SHARE_OF_TRIVIAL_ENDPOINT + " x HTTP",
                verdict(postShare >= POST_SHARE_OF_TRIVIAL_ENDPOINT, postShare)));
        rows.add(info("POST /orders p50 / p99", "%s / %s".formatted(ms(f.postP50()), ms(f.postP99()))));

        double e2eShare = f.maxSustainable() / f.combinedCeiling();
        rows.add(new Row(
                "max sustainable end-to-end",
                rate(f.maxSustainable(), "orders/s"),
                times(e2eShare) + " comb.",
                ">= " + E2E_SHARE_OF_COMBINED_CEILING + " x combined",
                verdict(e2eShare >= E2E_SHARE_OF_COMBINED_CEILING, e2eShare)));

        double readyOverKafka = f.readyP99() / f.kafkaRoundTripP99();
        rows.add(new Row(
                "placed->ready p99 at half max (%s)".formatted(rate(f.halfMaxRate(), "/s")),
                ms(f.readyP99()),
                times(readyOverKafka) + " Kafka RT",
                "<= " + (int) READY_P99_KAFKA_ROUND_TRIPS + " x Kafka RT p99, < " + (int) READY_P99_LIMIT_MS + " ms",
                verdict(
                        readyOverKafka <= READY_P99_KAFKA_ROUND_TRIPS && f.readyP99() < READY_P99_LIMIT_MS,
                        readyOverKafka)));
        rows.add(info(
                "placed->ready p50 / p99.9 at half max", "%s / %s".formatted(ms(f.readyP50()), ms(f.readyP999()))));

        double drainOverFill = f.outboxDrain() / f.outboxFill();
        rows.add(new Row(
                "outbox drain vs fill (rows/s)",
                "%s vs %s"
                        .formatted(rate(f.outboxDrain(), ""), rate(f.outboxFill(), ""))
                        .strip(),
                times(drainOverFill) + " fill",
                ">= " + (int) OUTBOX_DRAIN_OVER_FILL + " x fill",
                verdict(drainOverFill >= OUTBOX_DRAIN_OVER_FILL, drainOverFill)));

        new TreeMap<>(f.residentMemory())
                .forEach((service, mb) -> rows.add(new Row(
                        "RSS under load: " + service,
                        Double.isNaN(mb) ? "n/a" : "%.0f MB".formatted(mb),
                        "",
                        "<= " + (int) RESIDENT_MEMORY_LIMIT_MB + " MB",
                        verdict(mb <= RESIDENT_MEMORY_LIMIT_MB, mb))));

        double aotShare = f.coldStartAot() / f.coldStartPlain();
        rows.add(new Row(
                "cold start barista-worker plain / AOT",
                "%s / %s".formatted(seconds(f.coldStartPlain()), seconds(f.coldStartAot())),
                times(aotShare) + " plain",
                "AOT <= " + AOT_SHARE_OF_PLAIN_START + " x plain",
                verdict(aotShare <= AOT_SHARE_OF_PLAIN_START, aotShare)));
        return rows;
    }

    /** The table as text, columns padded to their widest cell. */
    static String table(List<Row> rows) {
        var cells = new ArrayList<List<String>>();
        cells.add(List.of("figure", "value", "ratio", "goal", "met?"));
        rows.forEach(r -> cells.add(List.of(r.figure(), r.value(), r.ratio(), r.goal(), r.verdict())));
        int[] widths = new int[5];
        cells.forEach(line -> {
            for (int i = 0; i < 5; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        var text = new StringBuilder();
        for (int n = 0; n < cells.size(); n++) {
            var line = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                line.append(i == 0 ? "" : "  ").append(pad(cells.get(n).get(i), widths[i]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
            if (n == 0) {
                text.append("-".repeat(line.toString().stripTrailing().length()))
                        .append('\n');
            }
        }
        return text.toString();
    }

    /** Each row as a map, for the JSON. */
    static List<Map<String, Object>> asMaps(List<Row> rows) {
        return rows.stream()
                .map(r -> Map.<String, Object>of(
                        "figure", r.figure(),
                        "value", r.value(),
                        "ratio", r.ratio(),
                        "goal", r.goal(),
                        "met", r.met().map(Object.class::cast).orElse("n/a")))
                .toList();
    }

    private static Row info(String figure, String value) {
        return new Row(figure, value, "", "", Optional.empty());
    }

    private static Optional<Boolean> verdict(boolean met, double basis) {
        return Double.isNaN(basis) || Double.isInfinite(basis) ? Optional.empty() : Optional.of(met);
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(width - cell.length());
    }

    static String rate(double perSecond, String unit) {
        return Double.isNaN(perSecond)
                ? "n/a"
                : ("%.0f " + unit).formatted(perSecond).strip();
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : millis < 10 ? "%.2f ms".formatted(millis) : "%.1f ms".formatted(millis);
    }

    static String seconds(double millis) {
        return Double.isNaN(millis) ? "n/a" : "%.1f s".formatted(millis / 1000);
    }

    static String times(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : "%.2fx".formatted(ratio);
    }
}
