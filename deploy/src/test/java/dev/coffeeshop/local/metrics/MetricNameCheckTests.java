package dev.coffeeshop.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricNameCheckTests {

    /** What a service's actuator answers, cut down: a counter, a histogram, a gauge. */
    static final String SCRAPE = """
            # HELP coffeeshop_dlq_records_total records sent to a dead-letter topic
            # TYPE coffeeshop_dlq_records_total counter
            coffeeshop_dlq_records_total{group="barista-worker",reason="none",topic="coffeeshop.intake.orders"} 0.0
            # TYPE coffeeshop_orders_placed_to_ready_seconds histogram
            coffeeshop_orders_placed_to_ready_seconds_bucket{le="5.0"} 3
            coffeeshop_orders_placed_to_ready_seconds_bucket{le="+Inf"} 3
            coffeeshop_orders_placed_to_ready_seconds_count 3
            coffeeshop_orders_placed_to_ready_seconds_sum 1.2
            coffeeshop_outbox_backlog 0.0
            """;

    static final String RULES = """
            groups:
              - name: g
                rules:
                  - alert: DeadLetters
                    expr: sum by (topic) (increase(coffeeshop_dlq_records_total[10m])) > 0
                  - alert: Down
                    expr: up == 0
                  - alert: Made-up
                    expr: |
                      coffeeshop_orders_vanished_total > 0
            """;

    static final String DASHBOARD = """
            {"title": "Coffeeshop", "panels": [
              {"type": "row", "title": "Orders", "panels": [
                {"title": "Placed to ready", "targets": [
                  {"expr": "histogram_quantile(0.99, sum by (le) (rate(coffeeshop_orders_placed_to_ready_seconds_bucket[$__rate_interval])))"},
                  {"expr": "rate(coffeeshop_orders_vanished_total[5m])"}]}]},
              {"title": "Outbox", "targets": [{"expr": "coffeeshop_outbox_backlog"}]}]}
            """;

    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void namesEachMetricNoServiceExposesWithEveryPlaceThatReadsIt() {
        // given
        List<Query> queries = new java.util.ArrayList<>(QueryFiles.rules("rules.yml", RULES));
        queries.addAll(QueryFiles.dashboard("coffeeshop.json", DASHBOARD));

        // when
        Map<String, List<String>> missing = MetricNameCheck.missing(queries, Exposition.names(SCRAPE));

        // then
        assertThat(missing)
                .containsOnlyKeys("coffeeshop_orders_vanished_total")
                .containsEntry(
                        "coffeeshop_orders_vanished_total",
                        List.of("rules.yml: alert Made-up", "coffeeshop.json: panel \"Placed to ready\""));
    }

    @Test
    void readsEveryAlertAndPanelOfTheRepositorysObservabilityFiles() {
        // given the files docker-compose.yml mounts (the tests run in deploy/)
        Path observability = Path.of("observability");

        // when
        List<Query> queries = QueryFiles.under(observability);

        // then every alert rule and every panel's query is read, and each reads at least one metric
        assertThat(queries)
                .filteredOn(q -> q.where().startsWith("prometheus/rules/"))
                .hasSizeGreaterThanOrEqualTo(11);
        assertThat(queries)
                .filteredOn(q -> q.where().startsWith("grafana/dashboards/"))
                .isNotEmpty();
        assertThat(queries)
                .allSatisfy(q ->
                        assertThat(PromQlNames.of(q.expression())).as(q.where()).isNotEmpty());
    }

    @Test
    void readsTheSampleNamesOfAScrape() {
        assertThat(Exposition.names(SCRAPE))
                .isEqualTo(Set.of(
                        "coffeeshop_dlq_records_total",
                        "coffeeshop_orders_placed_to_ready_seconds_bucket",
                        "coffeeshop_orders_placed_to_ready_seconds_count",
                        "coffeeshop_orders_placed_to_ready_seconds_sum",
                        "coffeeshop_outbox_backlog"));
    }

    @Test
    void failsAgainstARunningServiceThatLacksAName(@TempDir Path root) throws IOException {
        // given the files of deploy/observability, one rule reading a name the service does not expose
        Path rules = Files.createDirectories(root.resolve("deploy/observability/prometheus/rules"));
        Files.writeString(rules.resolve("coffeeshop.yml"), RULES);
        String target = serve(SCRAPE);
        var out = new ByteArrayOutputStream();

        // when
        int exit = MetricNameCheck.run(
                root, root.resolve(".coffeeshop"), List.of("--target", target), new PrintStream(out, true));

        // then
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("coffeeshop_orders_vanished_total", "used in prometheus/rules/coffeeshop.yml: alert Made-up")
                .doesNotContain("  coffeeshop_dlq_records_total");
    }

    @Test
    void passesWhenEveryNameIsExposed(@TempDir Path root) throws IOException {
        // given
        Path rules = Files.createDirectories(root.resolve("deploy/observability/prometheus/rules"));
        Files.writeString(
                rules.resolve("coffeeshop.yml"),
                RULES.replace("coffeeshop_orders_vanished_total", "coffeeshop_outbox_backlog"));
        String target = serve(SCRAPE);
        var out = new ByteArrayOutputStream();

        // when
        int exit = MetricNameCheck.run(
                root, root.resolve(".coffeeshop"), List.of("--target", target), new PrintStream(out, true));

        // then
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    private String serve(String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/prometheus", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain;version=0.0.4");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/prometheus";
    }
}
