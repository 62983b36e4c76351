package dev.coffeeshop.local.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL of {@code deploy/observability}: each rule's {@code expr} in {@code prometheus/rules/*.yml}, and each
 * target's {@code expr} in {@code grafana/dashboards/*.json}, named by the rule (alert or record) or the panel's title.
 */
public final class QueryFiles {

    private QueryFiles() {}

    /** Every query under {@code observability} (the {@code deploy/observability} directory), rules first. */
    public static List<Query> under(Path observability) {
        var queries = new ArrayList<Query>();
        for (Path file : files(observability.resolve("prometheus/rules"), ".yml")) {
            queries.addAll(rules(observability.relativize(file).toString(), read(file)));
        }
        for (Path file : files(observability.resolve("grafana/dashboards"), ".json")) {
            queries.addAll(dashboard(observability.relativize(file).toString(), read(file)));
        }
        return queries;
    }

    /** The queries of a Prometheus rule file's text. */
    static List<Query> rules(String name, String yaml) {
        var queries = new ArrayList<Query>();
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(document instanceof Map<?, ?> root) || !(root.get("groups") instanceof List<?> groups)) {
            return queries;
        }
        for (Object group : groups) {
            if (!(group instanceof Map<?, ?> g) || !(g.get("rules") instanceof List<?> rules)) {
                continue;
            }
            for (Object rule : rules) {
                if (rule instanceof Map<?, ?> r && r.get("expr") != null) {
                    Object id = r.get("alert") != null ? "alert " + r.get("alert") : "record " + r.get("record");
                    queries.add(new Query(name + ": " + id, String.valueOf(r.get("expr"))));
                }
            }
        }
        return queries;
    }

    /** The queries of a Grafana dashboard's JSON, rows and nested panels included. */
    static List<Query> dashboard(String name, String json) {
        var queries = new ArrayList<Query>();
        collect(name, JsonMapper.builder().build().readTree(json), "dashboard", queries);
        return queries;
    }

    private static void collect(String name, JsonNode node, String title, List<Query> queries) {
        if (node.isObject()) {
            String here = node.path("title").isString() ? node.path("title").asString() : title;
            if (node.path("expr").isString() && !node.path("expr").asString().isBlank()) {
                queries.add(new Query(
                        name + ": panel \"" + here + "\"", node.path("expr").asString()));
            }
            node.properties().forEach(entry -> collect(name, entry.getValue(), here, queries));
        } else if (node.isArray()) {
            node.forEach(element -> collect(name, element, title, queries));
        }
    }

    private static List<Path> files(Path directory, String suffix) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
