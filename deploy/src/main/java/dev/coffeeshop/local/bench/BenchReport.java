package dev.coffeeshop.local.bench;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One run's results as files: {@code bench.json} with every figure, the steps and the per-second throughput, and two
 * charts a browser opens ({@code throughput.svg}, {@code latency.svg}); each run in its own folder, the newest also
 * copied to {@code results/latest}.
 */
record BenchReport(
        Instant startedAt,
        boolean quick,
        Machine machine,
        List<String> jvmOptions,
        List<String> kafkaJvmOptions,
        Map<String, String> serviceEnvironment,
        Figures figures,
        List<Step> steps,
        Step.Rule rule,
        List<OpenLoad.Second> seconds,
        Map<String, Object> details) {

    static final String GENERATOR_NOTE =
            "the load generator runs on the same machine as the system and competes with it for the CPU";

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    Map<String, Object> asMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("startedAt", startedAt.toString());
        map.put("mode", quick ? "quick" : "full");
        map.put("machine", machine.asMap());
        map.put("serviceJvmOptions", jvmOptions);
        map.put("kafkaJvmOptions", kafkaJvmOptions);
        map.put("serviceEnvironment", serviceEnvironment);
        map.put("note", GENERATOR_NOTE);
        var figureMap = plain(figures);
        figureMap.put("combinedCeiling", finiteOrNull(figures.combinedCeiling()));
        map.put("figures", figureMap);
        map.put("table", Scorecard.asMaps(Scorecard.rows(figures)));
        map.put("steps", steps.stream().map(step -> stepMap(step, rule)).toList());
        map.put("throughputPerSecond", seconds.stream().map(BenchReport::plain).toList());
        map.put("details", details);
        return map;
    }

    static Map<String, Object> stepMap(Step step, Step.Rule rule) {
        var s = new LinkedHashMap<String, Object>();
        s.put("targetRate", step.targetRate());
        s.put("offeredRate", finiteOrNull(step.offeredRate()));
        s.put("placed", step.placed());
        s.put("ready", step.ready());
        s.put("errors", step.errors());
        s.put("drainSeconds", step.drain().map(d -> d.toMillis() / 1000.0).orElse(null));
        step.placedToReady().ifPresent(l -> {
            s.put("samples", l.count());
            s.put("placedToReadyP50Ms", Latency.millis(l.p50()));
            s.put("placedToReadyP99Ms", Latency.millis(l.p99()));
        });
        s.put("sustainable", rule.sustainable(step));
        s.put("violations", rule.violations(step));
        return s;
    }

    String json() {
        return JSON.writeValueAsString(asMap());
    }

    /** Offered and completed orders per second over the staircase, with the rate asked for. */
    String throughputChart() {
        var offered = new ArrayList<SvgChart.Point>();
        var completed = new ArrayList<SvgChart.Point>();
        var target = new ArrayList<SvgChart.Point>();
        for (OpenLoad.Second second : seconds) {
            offered.add(new SvgChart.Point(second.at(), second.offered()));
            completed.add(new SvgChart.Point(second.at(), second.completed()));
            target.add(new SvgChart.Point(second.at(), second.targetRate()));
        }
        return new SvgChart(
                        "Orders per second during the staircase",
                        "seconds since the bench started",
                        "orders/s",
                        false,
                        List.of(
                                new SvgChart.Series("target rate", "#bbbbbb", target),
                                new SvgChart.Series("offered", "#1f77b4", offered),
                                new SvgChart.Series("completed (READY)", "#2ca02c", completed)))
                .render();
    }

    /** Placed-to-ready p50 and p99 of each step against the rate offered, on a logarithmic axis. */
    String latencyChart() {
        var p50 = new ArrayList<SvgChart.Point>();
        var p99 = new ArrayList<SvgChart.Point>();
        for (Step step : steps) {
            step.placedToReady().ifPresent(l -> {
                p50.add(new SvgChart.Point(step.offeredRate(), Latency.millis(l.p50())));
                p99.add(new SvgChart.Point(step.offeredRate(), Latency.millis(l.p99())));
            });
        }
        return new SvgChart(
                        "Placed-to-ready latency against offered load",
                        "offered orders/s",
                        "milliseconds (log scale)",
                        true,
                        List.of(new SvgChart.Series("p50", "#1f77b4", p50), new SvgChart.Series("p99", "#d62728", p99)))
                .render();
    }

    /** Writes the run's folder under {@code results} and refreshes {@code results/latest}; returns the run's folder. */
    Path write(Path results) throws IOException {
        Path run = results.resolve(startedAt.toString().replace(":", "-"));
        Files.createDirectories(run);
        Files.writeString(run.resolve("bench.json"), json(), StandardCharsets.UTF_8);
        Files.writeString(run.resolve("throughput.svg"), throughputChart(), StandardCharsets.UTF_8);
        Files.writeString(run.resolve("latency.svg"), latencyChart(), StandardCharsets.UTF_8);
        Path latest = results.resolve("latest");
        Files.createDirectories(latest);
        for (String file : List.of("bench.json", "throughput.svg", "latency.svg")) {
            Files.copy(run.resolve(file), latest.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        return run;
    }

    /** A record's components as a map, with numbers that are not finite as null (JSON has no NaN). */
    static LinkedHashMap<String, Object> plain(Record record) {
        var map = new LinkedHashMap<String, Object>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(record);
                map.put(component.getName(), value instanceof Double d ? finiteOrNull(d) : normalize(value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return map;
    }

    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> m) {
            var copy = new LinkedHashMap<String, Object>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v instanceof Double d ? finiteOrNull(d) : v));
            return copy;
        }
        if (value instanceof Duration d) {
            return d.toNanos() / 1e6;
        }
        return value;
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
