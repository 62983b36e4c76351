package dev.coffeeshop.intake.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The order's state machine in code is the one {@code docs/order-states.md} draws, edge for edge. */
class OrderStatusTests {

    static final Path DIAGRAM = Path.of("..", "docs", "order-states.md");
    static final Pattern EDGE = Pattern.compile("^\\s*(\\[\\*]|[A-Z_]+)\\s*-->\\s*(\\[\\*]|[A-Z_]+)\\s*(?::.*)?$");

    record Edge(String from, String to) {}

    @Test
    void theCodeMovesAnOrderExactlyAlongTheDocumentedTransitions() throws IOException {
        // given
        Set<Edge> drawn = drawnEdges();

        // when
        Set<Edge> coded = new HashSet<>();
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                if (from.canMoveTo(to)) {
                    coded.add(new Edge(from.name(), to.name()));
                }
            }
        }

        // then
        Set<Edge> betweenStates = drawn.stream()
                .filter(e -> !e.from().equals("[*]") && !e.to().equals("[*]"))
                .collect(Collectors.toSet());
        assertThat(betweenStates).isEqualTo(coded);
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
    void anOpenOrderIsOneTheBaristasMayStillMake() {
        assertThat(Arrays.stream(OrderStatus.values()).filter(OrderStatus::isOpen))
                .containsExactlyInAnyOrder(OrderStatus.PLACED, OrderStatus.CANCEL_REQUESTED);
    }

    @Test
    void nothingLeavesAFinalState() {
        for (OrderStatus done : List.of(OrderStatus.READY, OrderStatus.REFUNDED, OrderStatus.CANCELLED)) {
            assertThat(done.isFinal()).isTrue();
            for (OrderStatus next : OrderStatus.values()) {
                assertThat(done.canMoveTo(next)).as("%s -> %s", done, next).isFalse();
            }
        }
    }

    /** The edges of the first Mermaid state diagram in the document. */
    static Set<Edge> drawnEdges() throws IOException {
        String document = Files.readString(DIAGRAM);
        int start = document.indexOf("```mermaid");
        assertThat(start).as("a mermaid block in %s", DIAGRAM).isNotNegative();
        String block = document.substring(start, document.indexOf("```", start + 3));
        assertThat(block).contains("stateDiagram-v2");
        Set<Edge> edges = new HashSet<>();
        for (String line : block.lines().toList()) {
            Matcher edge = EDGE.matcher(line);
            if (edge.matches()) {
                edges.add(new Edge(edge.group(1), edge.group(2)));
            }
        }
        return edges;
    }
}
