package dev.coffeeshop.intake.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The saga as a table: every fact in every situation an order can reach, whether its payment was authorized (captured
 * when the order is ready, the default) or charged at the till, run through {@link Order} alone, without Spring, Kafka
 * or a database. {@code docs/order-states.md} draws the same transitions.
 *
 * <p>Each situation is followed by the facts that do something in it and what the order decides. A situation is the
 * status (with why the order was given up, and whether a drink was written off) and the payment (with the action the
 * provider still has to confirm). Two
 * conventions keep the table to what matters: a fact in a situation the table does not list changes nothing, and the
 * provider's answers (payment confirmed, failed for good) only come while an action is awaited.
 */
class SagaTableTests {

    static final String TABLE = """
            # paid by authorization, captured once the order is ready (the default)
            PLACED / AUTHORIZED
                cancellation requested | -> CANCEL_REQUESTED, step CANCEL_REQUESTED, publishes CancellationRequested
                ready                  | -> READY, step READY, schedules CAPTURE
                rejected               | -> COMPENSATING, step REJECTED, schedules VOID
                deadline passed        | -> COMPENSATING, step DEADLINE_EXCEEDED, schedules VOID, publishes CancellationRequested
            CANCEL_REQUESTED / AUTHORIZED
                ready                  | -> READY, step READY, schedules CAPTURE
                rejected               | -> COMPENSATING, step REJECTED, schedules VOID
                preparation cancelled  | -> COMPENSATING, step CANCELLATION_ACCEPTED, schedules VOID
                cancellation refused   | -> PLACED, step CANCELLATION_REFUSED
                deadline passed        | -> COMPENSATING, step DEADLINE_EXCEEDED, schedules VOID, publishes CancellationRequested
            READY / AUTHORIZED awaiting CAPTURE
                cancellation requested | refused
                payment confirmed      | stays, payment CAPTURED
            COMPENSATING (rejected) / AUTHORIZED awaiting VOID
                cancellation requested | refused
                ready                  | stays, step WRITTEN_OFF
                payment confirmed      | -> REFUNDED, payment VOIDED, step REFUNDED, publishes PaymentRefunded
            COMPENSATING (deadline exceeded) / AUTHORIZED awaiting VOID
                cancellation requested | refused
                ready                  | stays, step WRITTEN_OFF
                payment confirmed      | -> REFUNDED, payment VOIDED, step REFUNDED, publishes PaymentRefunded
            COMPENSATING (cancelled) / AUTHORIZED awaiting VOID
                ready                  | stays, step WRITTEN_OFF
                payment confirmed      | -> CANCELLED, payment VOIDED, step CANCELLED, publishes OrderCancelled
            READY / CAPTURED
                cancellation requested | refused
            COMPENSATING (rejected, written off) / AUTHORIZED awaiting VOID
                cancellation requested | refused
                payment confirmed      | -> REFUNDED, payment VOIDED, step REFUNDED, publishes PaymentRefunded
            REFUNDED (rejected) / VOIDED
                cancellation requested | refused
                ready                  | stays, step WRITTEN_OFF
            COMPENSATING (deadline exceeded, written off) / AUTHORIZED awaiting VOID
                cancellation requested | refused
                payment confirmed      | -> REFUNDED, payment VOIDED, step REFUNDED, publishes PaymentRefunded
            REFUNDED (deadline exceeded) / VOIDED
                cancellation requested | refused
                ready                  | stays, step WRITTEN_OFF
            COMPENSATING (cancelled, written off) / AUTHORIZED awaiting VOID
                payment confirmed      | -> CANCELLED, payment VOIDED, step CANCELLED, publishes OrderCancelled
            CANCELLED (cancelled) / VOIDED
                ready                  | stays, step WRITTEN_OFF
            REFUNDED (rejected, written off) / VOIDED
                cancellation requested | refused
            REFUNDED (deadline exceeded, written off) / VOIDED
                cancellation requested | refused

            # charged at the till (COFFEESHOP_INTAKE_PAYMENT_CAPTURE=ON_PLACEMENT): refunds instead of voids
            PLACED / CAPTURED
                cancellation requested | -> CANCEL_REQUESTED, step CANCEL_REQUESTED, publishes CancellationRequested
                ready                  | -> READY, step READY
                rejected               | -> COMPENSATING, step REJECTED, schedules REFUND
                deadline passed        | -> COMPENSATING, step DEADLINE_EXCEEDED, schedules REFUND, publishes CancellationRequested
            CANCEL_REQUESTED / CAPTURED
                ready                  | -> READY, step READY
                rejected               | -> COMPENSATING, step REJECTED, schedules REFUND
                preparation cancelled  | -> COMPENSATING, step CANCELLATION_ACCEPTED, schedules REFUND
                cancellation refused   | -> PLACED, step CANCELLATION_REFUSED
                deadline passed        | -> COMPENSATING, step DEADLINE_EXCEEDED, schedules REFUND, publishes CancellationRequested
            COMPENSATING (rejected) / CAPTURED awaiting REFUND
                cancellation requested | refused
                ready                  | stays, step WRITTEN_OFF
                payment confirmed      | -> REFUNDED, payment REFUNDED, step REFUNDED, publishes PaymentRefunded
            COMPENSATING (deadline exceeded) / CAPTURED awaiting REFUND
                cancellation requested | refused
                ready                  | stays, step WRITTEN_OFF
                payment confirmed      | -> REFUNDED, payment REFUNDED, step REFUNDED, publishes PaymentRefunded
            COMPENSATING (cancelled) / CAPTURED awaiting REFUND
                ready                  | stays, step WRITTEN_OFF
                payment confirmed      | -> CANCELLED, payment REFUNDED, step CANCELLED, publishes OrderCancelled
            COMPENSATING (rejected, written off) / CAPTURED awaiting REFUND
                cancellation requested | refused
                payment confirmed      | -> REFUNDED, payment REFUNDED, step REFUNDED, publishes PaymentRefunded
            REFUNDED (rejected) / REFUNDED
                cancellation requested | refused
                ready                  | stays, step WRITTEN_OFF
            COMPENSATING (deadline exceeded, written off) / CAPTURED awaiting REFUND
                cancellation requested | refused
                payment confirmed      | -> REFUNDED, payment REFUNDED, step REFUNDED, publishes PaymentRefunded
            REFUNDED (deadline exceeded) / REFUNDED
                cancellation requested | refused
                ready                  | stays, step WRITTEN_OFF
            COMPENSATING (cancelled, written off) / CAPTURED awaiting REFUND
                payment confirmed      | -> CANCELLED, payment REFUNDED, step CANCELLED, publishes OrderCancelled
            CANCELLED (cancelled) / REFUNDED
                ready                  | stays, step WRITTEN_OFF
            REFUNDED (rejected, written off) / REFUNDED
                cancellation requested | refused
            REFUNDED (deadline exceeded, written off) / REFUNDED
                cancellation requested | refused
            """;

    static final Path DIAGRAM = Path.of("..", "docs", "order-states.md");
    static final Pattern EDGE = Pattern.compile("^\\s*(\\[\\*]|[A-Z_]+)\\s*-->\\s*(\\[\\*]|[A-Z_]+)\\s*(?::.*)?$");

    record Row(String situation, String fact, String decision) {
        @Override
        public String toString() {
            return situation + " | " + fact + " | " + decision;
        }
    }

    record Edge(String from, String to) {}

    @Test
    void everyFactInEverySituationDecidesAsTheTableSays() {
        // given
        List<Row> table = rows(TABLE);

        // when
        List<Row> decided = decided();

        // then
        assertThat(decided).as("the table, row by row").containsExactlyInAnyOrderElementsOf(table);
    }

    @Test
    void theDiagramDrawsEveryChangeOfStatusTheTableMakes() throws IOException {
        // given
        Set<Edge> drawn = drawnEdges().stream()
                .filter(e -> !e.from().equals("[*]") && !e.to().equals("[*]"))
                .collect(Collectors.toSet());

        // when
        Set<Edge> made = transitions()
                .filter(t -> t.decision() instanceof Decision.Change change && change.movesStatus())
                .map(t -> new Edge(t.from().status().name(), t.to().status().name()))
                .collect(Collectors.toSet());

        // then
        assertThat(drawn).isEqualTo(made);
    }

    @Test
    void everyOrderStartsWhereTheDiagramStartsAndEndsInAStateItDrawsAsFinal() throws IOException {
        // given
        Set<Edge> drawn = drawnEdges();

        // when
        Set<String> starts =
                drawn.stream().filter(e -> e.from().equals("[*]")).map(Edge::to).collect(Collectors.toSet());
        Set<String> finals =
                drawn.stream().filter(e -> e.to().equals("[*]")).map(Edge::from).collect(Collectors.toSet());

        // then
        assertThat(starts).containsExactly(OrderStatus.INITIAL.name());
        assertThat(finals)
                .isEqualTo(Arrays.stream(OrderStatus.values())
                        .filter(OrderStatus::isFinal)
                        .map(Enum::name)
                        .collect(Collectors.toSet()));
    }

    @Test
    void nothingLeavesAFinalStatus() {
        // when
        List<Saga.Transition> leaving = transitions()
                .filter(t -> t.from().status().isFinal()
                        && t.to().status() != t.from().status())
                .toList();

        // then
        assertThat(leaving).isEmpty();
    }

    @Test
    void theBaristasMayStillMakeOnlyAnOpenOrder() {
        // when
        Set<OrderStatus> becomeReady = transitions()
                .filter(t -> t.fact() == Saga.Fact.READY && t.to().status() == OrderStatus.READY)
                .map(t -> t.from().status())
                .filter(status -> status != OrderStatus.READY)
                .collect(Collectors.toSet());

        // then
        assertThat(becomeReady).isEqualTo(Set.copyOf(OrderStatus.open()));
    }

    /** What the order decides for every fact in every situation, one row each, but for the conventions above. */
    static List<Row> decided() {
        var rows = new LinkedHashMap<Row, Boolean>();
        transitions().forEach(t -> {
            if (!(t.decision() instanceof Decision.Unchanged)) {
                rows.put(new Row(situation(t.from()), t.fact().label(), describe(t.decision())), true);
            }
        });
        return List.copyOf(rows.keySet());
    }

    static Stream<Saga.Transition> transitions() {
        return Stream.of(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED).flatMap(p -> Saga.explore(p).stream());
    }

    static String situation(Saga.Situation s) {
        return s.name() + " / " + s.payment() + (s.pending() == null ? "" : " awaiting " + s.pending());
    }

    /** A decision in the table's words: the status it leads to and what is written, scheduled and published. */
    static String describe(Decision decision) {
        return switch (decision) {
            case Decision.Refused refused -> "refused";
            case Decision.Unchanged unchanged -> "unchanged";
            case Decision.Change change -> {
                var parts = new ArrayList<String>();
                Order before = change.before();
                Order after = change.order();
                parts.add(before == null || before.status() != after.status() ? "-> " + after.status() : "stays");
                if (before != null && before.payment() != after.payment()) {
                    parts.add("payment " + after.payment());
                }
                if (change.entry() != null) {
                    parts.add("step " + change.entry().step());
                }
                if (change.action() != null) {
                    parts.add("schedules " + change.action());
                }
                change.events()
                        .forEach(e -> parts.add("publishes " + e.getClass().getSimpleName()));
                yield String.join(", ", parts);
            }
        };
    }

    /** A situation's line, then one indented line per fact: {@code fact | decision}; {@code #} starts a comment. */
    static List<Row> rows(String table) {
        var rows = new ArrayList<Row>();
        String situation = null;
        for (String line : table.lines().toList()) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            if (!line.startsWith(" ")) {
                situation = line.strip();
                continue;
            }
            String[] cells = line.split("\\|");
            assertThat(cells).as("a fact and its decision: %s", line).hasSize(2);
            assertThat(situation).as("a situation before %s", line).isNotNull();
            rows.add(new Row(situation, cells[0].strip(), cells[1].strip()));
        }
        return rows;
    }

    /** The edges of the first Mermaid state diagram in the document. */
    static Set<Edge> drawnEdges() throws IOException {
        String document = Files.readString(DIAGRAM);
        int start = document.indexOf("```mermaid");
        assertThat(start).as("a mermaid block in %s", DIAGRAM).isNotNegative();
        String block = document.substring(start, document.indexOf("```", start + 3));
        assertThat(block).contains("stateDiagram-v2");
        Map<Edge, Boolean> edges = new LinkedHashMap<>();
        for (String line : block.lines().toList()) {
            Matcher edge = EDGE.matcher(line);
            if (edge.matches()) {
                edges.put(new Edge(edge.group(1), edge.group(2)), true);
            }
        }
        return edges.keySet();
    }
}
