package dev.coffeeshop.local.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The saga of an order as order-intake publishes it ({@code GET /staff/saga}): situations of an order as nodes, each
 * edge labelled with the step the order's timeline shows when it is taken, and the statuses in which an order is
 * final. The suite judges timelines by it instead of keeping a copy of the rules:
 *
 * <pre>{@code
 * {"start": "[*]",
 *  "steps": [{"from": "[*]", "step": "PLACED", "to": "PLACED"}, ...],
 *  "finalStatuses": ["READY", "REFUNDED", "CANCELLED"]}
 * }</pre>
 *
 * Node names are opaque; fields the suite does not know are ignored.
 */
record SagaGraph(String start, List<Edge> steps, Set<String> finalStatuses) {

    /** Taking {@code step} in situation {@code from} leads to situation {@code to}. */
    record Edge(String from, String step, String to) {}

    SagaGraph {
        steps = List.copyOf(steps);
        finalStatuses = Set.copyOf(finalStatuses);
    }

    /** The graph in the JSON of {@code GET /staff/saga}. */
    static SagaGraph of(JsonNode json) {
        String start = text(json, "start", "the saga");
        var steps = new ArrayList<Edge>();
        JsonNode edges = json.path("steps");
        if (!edges.isArray() || edges.isEmpty()) {
            throw new IllegalArgumentException("the saga has no steps");
        }
        for (JsonNode edge : edges) {
            steps.add(new Edge(text(edge, "from", "a step"), text(edge, "step", "a step"), text(edge, "to", "a step")));
        }
        var finalStatuses = new LinkedHashSet<String>();
        json.path("finalStatuses").forEach(status -> finalStatuses.add(status.asString()));
        if (finalStatuses.isEmpty()) {
            throw new IllegalArgumentException("the saga names no final status");
        }
        if (steps.stream().noneMatch(edge -> edge.from().equals(start))) {
            throw new IllegalArgumentException("the saga has no step out of its start " + start);
        }
        return new SagaGraph(start, steps, finalStatuses);
    }

    /** The graph order-intake publishes, asked of the running service. */
    static SagaGraph of(StaffClient intake) {
        try {
            return of(intake.get("/staff/saga"));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "order-intake did not publish its saga at /staff/saga (" + e.getMessage()
                            + "); give the suite one with --saga FILE",
                    e);
        }
    }

    /** A graph written to a file in the same JSON. */
    static SagaGraph of(Path file) {
        try {
            return of(JsonMapper.builder().build().readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saga from " + file, e);
        }
    }

    /**
     * Whether a timeline is a path through the saga from its start, or the beginning of one (an order under way):
     * walking it, every step is the label of an edge out of a situation the order may be in. Several edges out of one
     * situation may carry the same step; the walk then follows all of them.
     */
    boolean follows(List<String> timeline) {
        Set<String> situations = Set.of(start);
        for (String step : timeline) {
            var next = new HashSet<String>();
            for (Edge edge : steps) {
                if (edge.step().equals(step) && situations.contains(edge.from())) {
                    next.add(edge.to());
                }
            }
            if (next.isEmpty()) {
                return false;
            }
            situations = next;
        }
        return true;
    }

    boolean isFinal(String status) {
        return finalStatuses.contains(status);
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode value = node.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            throw new IllegalArgumentException(what + " has no " + field + ": " + node);
        }
        return value.asString();
    }
}
