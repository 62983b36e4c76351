package dev.coffeeshop.local.metrics;

import dev.coffeeshop.local.stack.LocalStack;
import dev.coffeeshop.local.stack.Service;
import dev.coffeeshop.local.stack.StackFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code ./coffeeshop check-metrics [--target URL]...}: reads every PromQL expression of the alert rules and the
 * dashboards under {@code deploy/observability}, takes the metric names out of them ({@link PromQlNames}), scrapes
 * each service's {@code /actuator/prometheus} and fails naming every name no service exposes and where it is used. A
 * dashboard panel that stays empty or an alert that can never fire because a metric was renamed shows here, not in an
 * outage.
 *
 * <p>The targets are the running local stack's services, on their management ports, unless {@code --target} gives
 * scrape URLs (for instance compose's: {@code --target http://localhost:9080/actuator/prometheus}). Run it after some
 * orders went through (CI runs it after the demo): the alerts' metrics exist from start-up, but a few of the
 * dashboards' (a request timer per endpoint) appear with their first use.
 */
public final class MetricNameCheck {

    /** Series Prometheus makes itself, for every target ({@code up}, {@code scrape_*}) or rule ({@code ALERTS}). */
    static final Set<String> PROMETHEUS_OWN = Set.of(
            "up",
            "scrape_duration_seconds",
            "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling",
            "scrape_series_added",
            "ALERTS",
            "ALERTS_FOR_STATE");

    private MetricNameCheck() {}

    public static int run(Path root, Path data, List<String> args, PrintStream out) {
        List<URI> targets;
        try {
            targets = targets(args, data);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: ./coffeeshop check-metrics [--target http://host:port/actuator/prometheus]...");
            return 2;
        }
        if (targets.isEmpty()) {
            out.println("No coffeeshop stack is running and no --target was given: start one with ./coffeeshop up -d.");
            return 2;
        }
        Path observability = root.resolve("deploy/observability");
        List<Query> queries = QueryFiles.under(observability);
        if (queries.isEmpty()) {
            out.println(
                    "No queries found in " + observability + " (prometheus/rules/*.yml, grafana/dashboards/*.json).");
            return 1;
        }
        var exposed = new LinkedHashSet<String>();
        for (URI target : targets) {
            try {
                Set<String> names = Exposition.names(scrape(target));
                out.printf("Scraped %s: %d metric names%n", target, names.size());
                exposed.addAll(names);
            } catch (IOException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                out.println("Could not scrape " + target + ": " + e.getMessage());
                return 1;
            }
        }
        Map<String, List<String>> missing = missing(queries, exposed);
        long names = queries.stream()
                .flatMap(q -> PromQlNames.of(q.expression()).stream())
                .distinct()
                .count();
        if (missing.isEmpty()) {
            out.printf(
                    "All %d metric names of %d queries (alert rules and dashboards) are exposed by the %d services.%n",
                    names, queries.size(), targets.size());
            return 0;
        }
        out.printf(
                "%d of the %d metric names the alert rules and dashboards read are exposed by no service:%n",
                missing.size(), names);
        missing.forEach((name, where) -> {
            out.println("  " + name);
            where.forEach(w -> out.println("      used in " + w));
        });
        return 1;
    }

    /** Each metric name no target exposes, with every place that reads it; Prometheus's own series are exposed. */
    static Map<String, List<String>> missing(List<Query> queries, Set<String> exposed) {
        var missing = new TreeMap<String, List<String>>();
        for (Query query : queries) {
            for (String name : PromQlNames.of(query.expression())) {
                if (!exposed.contains(name) && !PROMETHEUS_OWN.contains(name)) {
                    missing.computeIfAbsent(name, n -> new ArrayList<>()).add(query.where());
                }
            }
        }
        return missing;
    }

    private static List<URI> targets(List<String> args, Path data) {
        var given = new ArrayList<URI>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--target") && i + 1 < args.size()) {
                given.add(URI.create(args.get(++i)));
            } else {
                throw new IllegalArgumentException("unknown argument: " + args.get(i));
            }
        }
        if (!given.isEmpty()) {
            return given;
        }
        // the three services only: the identity provider's actuator is none of the dashboards' business
        Set<String> services =
                Arrays.stream(Service.values()).map(Service::moduleName).collect(Collectors.toSet());
        var fromStack = new LinkedHashMap<String, URI>();
        StackFile.read(data).map(StackFile.Snapshot::components).orElse(List.of()).stream()
                .filter(c -> services.contains(c.name()) && c.managementUrl().isPresent())
                .forEach(c -> fromStack.put(c.name(), prometheusOf(c)));
        return List.copyOf(fromStack.values());
    }

    private static URI prometheusOf(LocalStack.Component component) {
        return component.managementUrl().orElseThrow().resolve("/actuator/prometheus");
    }

    /** The plain text format, whose sample names are the ones PromQL selects (no OpenMetrics {@code _created}). */
    private static String scrape(URI target) throws IOException, InterruptedException {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(target)
                            .timeout(Duration.ofSeconds(10))
                            .header("Accept", "text/plain;version=0.0.4")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return response.body();
        }
    }
}
