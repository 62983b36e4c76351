package dev.coffeeshop.barista.brewing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.barista.brewing.Decision.Outcome;
import dev.coffeeshop.barista.brewing.Decision.Reply;
import dev.coffeeshop.barista.inventory.Ingredients;
import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PreparationCancelled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of one order's preparation: every state a preparation can be in, against every fact the barista learns
 * about its order, and what is decided. No Spring, no broker, no database.
 */
class PreparationTests {

    /**
     * One row per state and fact, read as: a preparation in this state learns this fact; the outcome is this, and this
     * is written and published.
     *
     * <p>States: {@code none} (no preparation yet), a status, the reason of a REJECTED or CANCELLED one in brackets,
     * {@code +R} when a cancellation for reason R was answered before (a preparation cancelled for R answered R when
     * it was written). Facts: the order arrives with its ingredients on hand or one short; the barista has made the
     * drinks, or the machine broke down while making them; the customer asks to cancel, or the order's deadline
     * passes and the shop asks to cancel.
     *
     * <p>What is written: {@code -> S(R)} the preparation moves to S (with reason R), guarded by the status it leaves,
     * and is inserted when there is none; {@code reserve} the order's ingredients are taken, {@code release} they are
     * given back; {@code hand over} the drinks are handed over at the counter; {@code answer A} the cancellation's
     * answer is recorded; then the events published, in order; {@code processed} the event is recorded as processed.
     */
    private static final String RULES = """
            # preparation                | fact             | outcome                | what is written and published
            none                         | order, in stock  | STARTED                | -> IN_PREPARATION, reserve
            none                         | order, short     | REJECTED               | -> REJECTED(OUT_OF_STOCK), OrderRejected, processed
            none                         | drinks made      | FINISHED_BEFORE        | processed
            none                         | machine broke    | FINISHED_BEFORE        | processed
            none                         | customer cancels | CANCELLED              | -> CANCELLED(CUSTOMER), answer CANCELLED, PreparationCancelled, processed
            none                         | deadline passes  | CANCELLED              | -> CANCELLED(DEADLINE_EXCEEDED), answer CANCELLED, PreparationCancelled, processed

            IN_PREPARATION               | order, in stock  | RESUMED                | nothing
            IN_PREPARATION               | order, short     | RESUMED                | nothing
            IN_PREPARATION               | drinks made      | READY                  | -> READY, hand over, OrderReady, processed
            IN_PREPARATION               | machine broke    | REJECTED               | -> REJECTED(EQUIPMENT_FAILURE), release, OrderRejected, processed
            IN_PREPARATION               | customer cancels | REFUSED                | answer REFUSED, CancellationRefused "already being made", processed
            IN_PREPARATION               | deadline passes  | REFUSED                | answer REFUSED, CancellationRefused "already being made", processed

            IN_PREPARATION +CUSTOMER     | order, in stock  | RESUMED                | nothing
            IN_PREPARATION +CUSTOMER     | order, short     | RESUMED                | nothing
            IN_PREPARATION +CUSTOMER     | drinks made      | READY                  | -> READY, hand over, OrderReady, processed
            IN_PREPARATION +CUSTOMER     | machine broke    | REJECTED               | -> REJECTED(EQUIPMENT_FAILURE), release, OrderRejected, processed
            IN_PREPARATION +CUSTOMER     | customer cancels | DUPLICATE_CANCELLATION | processed
            IN_PREPARATION +CUSTOMER     | deadline passes  | REFUSED                | answer REFUSED, CancellationRefused "already being made", processed

            READY                        | order, in stock  | DUPLICATE_ORDER        | nothing
            READY                        | order, short     | DUPLICATE_ORDER        | nothing
            READY                        | drinks made      | FINISHED_BEFORE        | processed
            READY                        | machine broke    | FINISHED_BEFORE        | processed
            READY                        | customer cancels | REFUSED                | answer REFUSED, CancellationRefused "already made and handed over", processed
            READY                        | deadline passes  | REFUSED                | answer REFUSED, CancellationRefused "already made and handed over", processed

            READY +DEADLINE_EXCEEDED     | order, in stock  | DUPLICATE_ORDER        | nothing
            READY +DEADLINE_EXCEEDED     | order, short     | DUPLICATE_ORDER        | nothing
            READY +DEADLINE_EXCEEDED     | drinks made      | FINISHED_BEFORE        | processed
            READY +DEADLINE_EXCEEDED     | machine broke    | FINISHED_BEFORE        | processed
            READY +DEADLINE_EXCEEDED     | customer cancels | REFUSED                | answer REFUSED, CancellationRefused "already made and handed over", processed
            READY +DEADLINE_EXCEEDED     | deadline passes  | DUPLICATE_CANCELLATION | processed

            REJECTED(OUT_OF_STOCK)       | order, in stock  | DUPLICATE_ORDER        | nothing
            REJECTED(OUT_OF_STOCK)       | order, short     | DUPLICATE_ORDER        | nothing
            REJECTED(OUT_OF_STOCK)       | drinks made      | FINISHED_BEFORE        | processed
            REJECTED(OUT_OF_STOCK)       | machine broke    | FINISHED_BEFORE        | processed
            REJECTED(OUT_OF_STOCK)       | customer cancels | REFUSED                | answer REFUSED, CancellationRefused "already rejected (OUT_OF_STOCK)", processed
            REJECTED(OUT_OF_STOCK)       | deadline passes  | REFUSED                | answer REFUSED, CancellationRefused "already rejected (OUT_OF_STOCK)", processed

            CANCELLED(CUSTOMER)          | order, in stock  | SKIPPED_AS_CANCELLED   | nothing
            CANCELLED(CUSTOMER)          | order, short     | SKIPPED_AS_CANCELLED   | nothing
            CANCELLED(CUSTOMER)          | drinks made      | FINISHED_BEFORE        | processed
            CANCELLED(CUSTOMER)          | machine broke    | FINISHED_BEFORE        | processed
            CANCELLED(CUSTOMER)          | customer cancels | DUPLICATE_CANCELLATION | processed
            CANCELLED(CUSTOMER)          | deadline passes  | REFUSED                | answer REFUSED, CancellationRefused "already cancelled (CUSTOMER)", processed

            CANCELLED(DEADLINE_EXCEEDED) | order, in stock  | SKIPPED_AS_CANCELLED   | nothing
            CANCELLED(DEADLINE_EXCEEDED) | order, short     | SKIPPED_AS_CANCELLED   | nothing
            CANCELLED(DEADLINE_EXCEEDED) | drinks made      | FINISHED_BEFORE        | processed
            CANCELLED(DEADLINE_EXCEEDED) | machine broke    | FINISHED_BEFORE        | processed
            CANCELLED(DEADLINE_EXCEEDED) | customer cancels | REFUSED                | answer REFUSED, CancellationRefused "already cancelled (DEADLINE_EXCEEDED)", processed
            CANCELLED(DEADLINE_EXCEEDED) | deadline passes  | DUPLICATE_CANCELLATION | processed
            """;

    private static final List<String> STATES = List.of(
            "none",
            "IN_PREPARATION",
            "IN_PREPARATION +CUSTOMER",
            "READY",
            "READY +DEADLINE_EXCEEDED",
            "REJECTED(OUT_OF_STOCK)",
            "CANCELLED(CUSTOMER)",
            "CANCELLED(DEADLINE_EXCEEDED)");

    private static final List<String> FACTS = List.of(
            "order, in stock", "order, short", "drinks made", "machine broke", "customer cancels", "deadline passes");

    private static final Pattern STATE = Pattern.compile("(none|[A-Z_]+)(?:\\(([A-Z_]+)\\))?(?: \\+([A-Z_]+))?");

    private static final UUID ORDER = UUID.randomUUID();

    /** Two large lattes. */
    private static final List<LineItem> ITEMS = List.of(new LineItem("latte", "large", 2, List.of()));

    private static final Ingredients NEEDED = Ingredients.of("coffee-beans", 72, "milk", 1000);

    private static final long DRINKS = 2;

    @ParameterizedTest(name = "{0} | {1} | {2} | {3}")
    @MethodSource("rules")
    void decidesEveryFactInEveryState(String state, String fact, Outcome outcome, String written) {
        // given
        Preparation preparation = preparation(state);
        @Nullable PreparationStatus before = preparation.status();
        var shelf = new CountingShelf(
                fact.equals("order, short")
                        ? Map.of("coffee-beans", 1000L, "milk", 100L)
                        : Map.of("coffee-beans", 1000L, "milk", 1000L));

        // when
        Decision decision = learn(preparation, fact, shelf);

        // then
        assertThat(decision.outcome()).isEqualTo(outcome);
        assertThat(describe(decision)).isEqualTo(written);
        assertThat(decision.orderId()).isEqualTo(ORDER);
        assertThat(decision.events())
                .allSatisfy(event -> assertThat(event.orderId()).isEqualTo(ORDER));
        if (decision.transition() != null) {
            assertThat(decision.transition().from()).as("the status it leaves").isEqualTo(before);
            assertThat(preparation.status())
                    .as("the status it moved to")
                    .isEqualTo(decision.transition().to());
        } else {
            assertThat(preparation.status()).as("unchanged").isEqualTo(before);
        }
        assertThat(shelf.looks)
                .as("the stock is only looked at for an order nobody picked up yet")
                .isEqualTo(before == null && fact.startsWith("order") ? 1 : 0);
    }

    @Test
    void listsEveryFactInEveryStateExactlyOnce() {
        // given
        List<String> everyPair = STATES.stream()
                .flatMap(state -> FACTS.stream().map(fact -> state + " | " + fact))
                .toList();

        // when
        List<String> listed =
                rules().map(rule -> rule.get()[0] + " | " + rule.get()[1]).toList();

        // then
        assertThat(listed).containsExactlyElementsOf(everyPair);
    }

    @Test
    void rejectsAnOrderWhenAnIngredientIsShort() {
        // given
        Preparation preparation = Preparation.none(ORDER);

        // when
        Decision decision = preparation.pickUp(order(), NEEDED, DRINKS, needed -> Map.of("coffee-beans", 1000L));

        // then
        assertThat(decision.reserve()).isEqualTo(Ingredients.none());
        assertThat(decision.transition().detail()).isEqualTo("not enough milk: needed 1000, 0 on hand");
        assertThat(decision.events()).singleElement().isInstanceOfSatisfying(OrderRejected.class, rejected -> {
            assertThat(rejected.detail()).isEqualTo("not enough milk: needed 1000, 0 on hand");
            assertThat(rejected.customerName()).isEqualTo("Ada");
        });
        assertThat(preparation.status()).isEqualTo(PreparationStatus.REJECTED);
    }

    @Test
    void reservesExactlyWhatTheOrderNeedsWhenPickingItUp() {
        // given
        Preparation preparation = Preparation.none(ORDER);

        // when
        Decision decision =
                preparation.pickUp(order(), NEEDED, DRINKS, needed -> Map.of("coffee-beans", 72L, "milk", 1000L));

        // then
        assertThat(decision.reserve()).isEqualTo(NEEDED);
        assertThat(decision.drinks()).isEqualTo(DRINKS);
        assertThat(decision.customerName()).isEqualTo("Ada");
        assertThat(decision.outcome().brews()).isTrue();
    }

    @Test
    void answersACancellationWithoutAReasonAsOneForAnUnknownReason() {
        // given
        Preparation preparation = Preparation.none(ORDER);
        var request = new CancellationRequested(UUID.randomUUID(), ORDER, Instant.now(), "Ada", null);

        // when
        Decision first = preparation.cancel(request);
        Decision again = preparation.cancel(request);

        // then
        assertThat(first.answer()).isEqualTo(new Decision.Answer(CancellationReason.UNKNOWN, Reply.CANCELLED, null));
        assertThat(first.events())
                .singleElement()
                .isInstanceOfSatisfying(PreparationCancelled.class, cancelled -> assertThat(cancelled.reason())
                        .isEqualTo(CancellationReason.UNKNOWN));
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE_CANCELLATION);
    }

    @Test
    void decidesEachFactOnWhatThePreviousOneLeft() {
        // given
        Preparation preparation = Preparation.none(ORDER);
        OrderPlaced order = order();

        // when
        List<Outcome> outcomes = Stream.of(
                        preparation.pickUp(order, NEEDED, DRINKS, needed -> Map.of("coffee-beans", 72L, "milk", 1000L)),
                        preparation.cancel(cancellation(CancellationReason.CUSTOMER)),
                        preparation.pickUp(order, NEEDED, DRINKS, needed -> Map.of()),
                        preparation.handOver(order, DRINKS),
                        preparation.breakDown(order, DRINKS),
                        preparation.cancel(cancellation(CancellationReason.CUSTOMER)),
                        preparation.cancel(cancellation(CancellationReason.DEADLINE_EXCEEDED)))
                .map(Decision::outcome)
                .toList();

        // then
        assertThat(outcomes)
                .containsExactly(
                        Outcome.STARTED,
                        Outcome.REFUSED,
                        Outcome.RESUMED,
                        Outcome.READY,
                        Outcome.FINISHED_BEFORE,
                        Outcome.DUPLICATE_CANCELLATION,
                        Outcome.REFUSED);
        assertThat(preparation.status()).isEqualTo(PreparationStatus.READY);
        assertThat(preparation.answered())
                .containsExactlyInAnyOrder(CancellationReason.CUSTOMER, CancellationReason.DEADLINE_EXCEEDED);
    }

    @Test
    void knowsEveryStatusButInPreparationAsTerminalAndOnlyACancelledOneAsNeverStarted() {
        // given
        Set<PreparationStatus> statuses = EnumSet.allOf(PreparationStatus.class);

        // when
        Set<PreparationStatus> terminal =
                statuses.stream().filter(PreparationStatus::terminal).collect(Collectors.toSet());
        Set<PreparationStatus> neverStarted =
                statuses.stream().filter(status -> !status.started()).collect(Collectors.toSet());

        // then
        assertThat(terminal)
                .containsExactlyInAnyOrder(
                        PreparationStatus.READY, PreparationStatus.REJECTED, PreparationStatus.CANCELLED);
        assertThat(neverStarted).containsExactly(PreparationStatus.CANCELLED);
    }

    static Stream<Arguments> rules() {
        return RULES.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new))
                .map(row -> Arguments.of(row[0], row[1], Outcome.valueOf(row[2]), row[3]));
    }

    /** A preparation in the state the table names. */
    private static Preparation preparation(String state) {
        Matcher matcher = STATE.matcher(state);
        assertThat(matcher.matches()).as("a state the table can name: " + state).isTrue();
        if (matcher.group(1).equals("none")) {
            return Preparation.none(ORDER);
        }
        PreparationStatus status = PreparationStatus.valueOf(matcher.group(1));
        @Nullable String reason = matcher.group(2);
        var answered = EnumSet.noneOf(CancellationReason.class);
        if (status == PreparationStatus.CANCELLED) {
            answered.add(CancellationReason.valueOf(reason));
        }
        if (matcher.group(3) != null) {
            answered.add(CancellationReason.valueOf(matcher.group(3)));
        }
        return Preparation.of(ORDER, status, reason, answered);
    }

    private static Decision learn(Preparation preparation, String fact, Preparation.Shelf shelf) {
        return switch (fact) {
            case "order, in stock", "order, short" -> preparation.pickUp(order(), NEEDED, DRINKS, shelf);
            case "drinks made" -> preparation.handOver(order(), DRINKS);
            case "machine broke" -> preparation.breakDown(order(), DRINKS);
            case "customer cancels" -> preparation.cancel(cancellation(CancellationReason.CUSTOMER));
            case "deadline passes" -> preparation.cancel(cancellation(CancellationReason.DEADLINE_EXCEEDED));
            default -> throw new IllegalArgumentException("a fact the table cannot name: " + fact);
        };
    }

    /** The decision in the table's words; see {@link #RULES}. */
    private static String describe(Decision decision) {
        List<String> parts = new ArrayList<>();
        if (decision.transition() instanceof Decision.Transition transition) {
            parts.add("-> " + transition.to() + (transition.reason() == null ? "" : "(" + transition.reason() + ")"));
        }
        if (!decision.reserve().isEmpty()) {
            parts.add(decision.reserve().equals(NEEDED) ? "reserve" : "reserve " + decision.reserve());
        }
        if (decision.release()) {
            parts.add("release");
        }
        if (decision.handsOver()) {
            parts.add(decision.drinks() == DRINKS ? "hand over" : "hand over " + decision.drinks());
        }
        if (decision.answer() instanceof Decision.Answer answer) {
            parts.add("answer " + answer.reply());
        }
        decision.events().stream().map(event -> describe(event, decision)).forEach(parts::add);
        if (decision.marksProcessed()) {
            parts.add("processed");
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    /** An event by its name, and whatever in it does not follow from the rest of the decision. */
    private static String describe(OrderEvent event, Decision decision) {
        String name = event.getClass().getSimpleName();
        String unexpected =
                switch (event) {
                    case OrderReady ready -> "Ada".equals(ready.customerName()) ? "" : " for " + ready.customerName();
                    case OrderRejected rejected ->
                        decision.transition() != null
                                        && rejected.reason()
                                                .name()
                                                .equals(decision.transition().reason())
                                        && rejected.detail()
                                                .equals(decision.transition().detail())
                                ? ""
                                : " " + rejected.reason() + " " + rejected.detail();
                    case PreparationCancelled cancelled ->
                        decision.answer() != null
                                        && cancelled.reason()
                                                == decision.answer().reason()
                                ? ""
                                : " " + cancelled.reason();
                    case CancellationRefused refused ->
                        decision.answer() != null
                                        && refused.reason() == decision.answer().reason()
                                        && refused.detail()
                                                .equals(decision.answer().detail())
                                ? " \"" + refused.detail() + "\""
                                : " " + refused.reason() + " \"" + refused.detail() + "\" answered "
                                        + decision.answer();
                    default -> " " + event;
                };
        return name + unexpected;
    }

    private static OrderPlaced order() {
        return new OrderPlaced(UUID.randomUUID(), ORDER, Instant.now(), "Ada", ITEMS, 980, "EUR");
    }

    private static CancellationRequested cancellation(CancellationReason reason) {
        return new CancellationRequested(UUID.randomUUID(), ORDER, Instant.now(), "Ada", reason);
    }

    /** A shelf with fixed stock that counts how often it is looked at. */
    private static final class CountingShelf implements Preparation.Shelf {

        private final Map<String, Long> stock;
        private int looks;

        CountingShelf(Map<String, Long> stock) {
            this.stock = stock;
        }

        @Override
        public Map<String, Long> onHand(Ingredients needed) {
            looks++;
            return stock;
        }
    }
}
