package dev.coffeeshop.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchReportTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path results;

    @Test
    void writesEveryFigureWithNullForOneNotMeasured() {
        // given
        var report = report();

        // when
        JsonNode json = JSON.readTree(report.json());

        // then
        assertThat(json.path("mode").asString()).isEqualTo("quick");
        assertThat(json.path("machine").path("cores").asInt()).isEqualTo(2);
        assertThat(json.path("serviceJvmOptions").get(0).asString()).isEqualTo("-XX:+UseG1GC");
        assertThat(json.path("kafkaJvmOptions").get(0).asString()).isEqualTo("-Xmx256m");
        assertThat(json.path("figures").path("httpCeiling").asDouble()).isEqualTo(1000.0);
        assertThat(json.path("figures").path("combinedCeiling").asDouble()).isEqualTo(400.0);
        assertThat(json.path("figures").path("coldStartAot").isNull()).isTrue();
        assertThat(json.path("figures")
                        .path("residentMemory")
                        .path("order-intake")
                        .asDouble())
                .isEqualTo(300.0);
        assertThat(json.path("note").asString()).contains("same machine");
    }

    @Test
    void writesEachStepWithItsVerdictAndEverySecondOfLoad() {
        // given
        var report = report();

        // when
        JsonNode json = JSON.readTree(report.json());

        // then
        JsonNode steps = json.path("steps");
        assertThat(steps.size()).isEqualTo(2);
        assertThat(steps.get(0).path("sustainable").asBoolean()).isTrue();
        assertThat(steps.get(0).path("placedToReadyP99Ms").asDouble()).isEqualTo(30.0);
        assertThat(steps.get(1).path("sustainable").asBoolean()).isFalse();
        assertThat(steps.get(1).path("drainSeconds").isNull()).isTrue();
        assertThat(steps.get(1).path("violations").get(0).asString()).contains("did not drain");
        assertThat(json.path("throughputPerSecond").get(1).path("completed").asLong())
                .isEqualTo(95);
        assertThat(json.path("table").size()).isGreaterThan(10);
    }

    @Test
    void writesTheRunsFolderAndRefreshesLatest() throws IOException {
        // given
        var report = report();

        // when
        Path run = report.write(results);

        // then
        assertThat(run.getFileName().toString()).isEqualTo("2026-12-01T15-00-00Z");
        for (String file : List.of("bench.json", "throughput.svg", "latency.svg")) {
            assertThat(run.resolve(file)).exists();
            assertThat(Files.readString(results.resolve("latest").resolve(file)))
                    .isEqualTo(Files.readString(run.resolve(file)));
        }
        assertThat(Files.readString(run.resolve("latency.svg"))).contains("<polyline", ">p99</text>");
    }

    private static BenchReport report() {
        var figures = new Figures(
                1000,
                1000,
                2000,
                2,
                4,
                400,
                5,
                20,
                100,
                50,
                10,
                30,
                40,
                4000,
                1000,
                4000,
                Double.NaN,
                Map.of("order-intake", 300.0));
        var fast = new Step(100, 100, 1000, 1000, 0, Optional.of(Duration.ofMillis(300)), Optional.of(latency(10, 30)));
        var slow = new Step(150, 150, 1500, 1200, 0, Optional.empty(), Optional.of(latency(200, 2500)));
        return new BenchReport(
                Instant.parse("2026-12-01T15:00:00Z"),
                true,
                new Machine(2, "a CPU", 24000, "25", "Linux"),
                List.of("-XX:+UseG1GC", "-Xmx256m"),
                List.of("-Xmx256m"),
                Map.of("COFFEESHOP_BARISTA_PREPARATION_TIME", "0"),
                figures,
                List.of(fast, slow),
                Step.Rule.DEFAULT,
                List.of(new OpenLoad.Second(1.0, 100, 90, 100), new OpenLoad.Second(2.0, 100, 95, 100)),
                Map.of());
    }

    private static Latency latency(long p50, long p99) {
        return new Latency(
                400, Duration.ofMillis(p50), Duration.ofMillis(p99), Duration.ofMillis(p99), Duration.ofMillis(p99));
    }
}
