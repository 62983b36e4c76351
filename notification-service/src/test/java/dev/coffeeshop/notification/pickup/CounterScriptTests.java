package dev.coffeeshop.notification.pickup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderCancelled;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.events.RejectionReason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the customer is told about each event, as a table. No Spring, no broker, no database. */
class CounterScriptTests {

    /**
     * One row per event the counter may receive, read as: this event, with this reason, for a customer of this name,
     * tells them this, or nothing ({@code -}). A name of {@code -} is a missing one, {@code ''} an empty one.
     */
    private static final String SCRIPT = """
            # event               | reason            | name  | kind                 | message
            OrderPlaced           | -                 | Ada   | RECEIVED             | Thanks Ada, we received your order
            OrderPlaced           | -                 | -     | RECEIVED             | Thanks there, we received your order
            OrderPlaced           | -                 | ''    | RECEIVED             | Thanks there, we received your order
            OrderReady            | -                 | Ada   | READY_FOR_PICKUP     | Ada, your order is ready for pickup!
            OrderReady            | -                 | ' '   | READY_FOR_PICKUP     | there, your order is ready for pickup!
            PaymentRefunded       | OUT_OF_STOCK      | Ada   | REFUNDED             | Sorry Ada, we could not make your order; 4.90 EUR refunded
            PaymentRefunded       | EQUIPMENT_FAILURE | Ada   | REFUNDED             | Sorry Ada, we could not make your order; 4.90 EUR refunded
            PaymentRefunded       | DEADLINE_EXCEEDED | Ada   | REFUNDED             | Sorry Ada, we could not make your order in time; 4.90 EUR refunded
            OrderCancelled        | -                 | Ada   | CANCELLED            | Ada, your order is cancelled; you were not charged
            CancellationRefused   | CUSTOMER          | Ada   | CANCELLATION_REFUSED | Sorry Ada, it is too late to cancel; your order is being made
            CancellationRefused   | DEADLINE_EXCEEDED | Ada   | -                    | -
            CancellationRefused   | UNKNOWN           | Ada   | -                    | -
            OrderRejected         | OUT_OF_STOCK      | Ada   | -                    | -
            OrderRejected         | EQUIPMENT_FAILURE | Ada   | -                    | -
            PreparationCancelled  | CUSTOMER          | Ada   | -                    | -
            CancellationRequested | CUSTOMER          | Ada   | -                    | -
            """;

    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID EVENT = UUID.randomUUID();
    private static final Instant OCCURRED = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:01Z");

    private final CounterScript script = new CounterScript("EUR", Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest(name = "{0} | {1} | {2} | {3} | {4}")
    @MethodSource("script")
    void tellsTheCustomerWhatEachEventMeansToThem(
            String type,
            @Nullable String reason,
            @Nullable String name,
            @Nullable NotificationKind kind,
            @Nullable String message) {
        // given
        OrderEvent event = event(type, reason, name);

        // when
        Optional<Notification> notice = script.noticeFor(event);

        // then
        if (kind == null) {
            assertThat(notice).isEmpty();
        } else {
            assertThat(notice)
                    .contains(new Notification(ORDER, kind, name, String.valueOf(message), EVENT, OCCURRED, NOW));
        }
    }

    @Test
    void listsEveryEventTypeAndEveryReasonARefusalCanGive() {
        // given
        List<String> types = Arrays.stream(OrderEvent.class.getPermittedSubclasses())
                .map(Class::getSimpleName)
                .toList();

        // when
        List<Object[]> rows = script().map(Arguments::get).toList();

        // then
        assertThat(rows).extracting(row -> row[0]).containsAll(types);
        assertThat(rows)
                .filteredOn(row -> row[0].equals("CancellationRefused"))
                .extracting(row -> row[1])
                .containsExactlyInAnyOrder(Arrays.stream(CancellationReason.values())
                        .map(Enum::name)
                        .toArray());
    }

    @Test
    void writesTheRefundInTheShopsCurrency() {
        // given
        var script = new CounterScript("CHF", Clock.fixed(NOW, ZoneOffset.UTC));
        var refunded = new PaymentRefunded(EVENT, ORDER, OCCURRED, "Ada", 1205, "OUT_OF_STOCK");

        // when
        Optional<Notification> notice = script.noticeFor(refunded);

        // then
        assertThat(notice)
                .map(Notification::message)
                .contains("Sorry Ada, we could not make your order; 12.05 CHF refunded");
    }

    static Stream<Arguments> script() {
        return SCRIPT.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> Arrays.stream(line.split("\\|")).map(String::strip).toArray(String[]::new))
                .map(row -> Arguments.of(
                        row[0],
                        cell(row[1]),
                        cell(row[2]),
                        row[3].equals("-") ? null : NotificationKind.valueOf(row[3]),
                        cell(row[4])));
    }

    /** A cell's text: {@code -} is none, quotes keep blanks. */
    private static @Nullable String cell(String text) {
        if (text.equals("-")) {
            return null;
        }
        return text.length() >= 2 && text.startsWith("'") && text.endsWith("'")
                ? text.substring(1, text.length() - 1)
                : text;
    }

    private static OrderEvent event(String type, @Nullable String reason, @Nullable String name) {
        return switch (type) {
            case "OrderPlaced" ->
                new OrderPlaced(
                        EVENT,
                        ORDER,
                        OCCURRED,
                        name,
                        List.of(new LineItem("latte", "large", 1, List.of("oat-milk"))),
                        490,
                        "EUR");
            case "OrderReady" -> new OrderReady(EVENT, ORDER, OCCURRED, name);
            case "PaymentRefunded" -> new PaymentRefunded(EVENT, ORDER, OCCURRED, name, 490, reason);
            case "OrderCancelled" -> new OrderCancelled(EVENT, ORDER, OCCURRED, name, 490);
            case "CancellationRefused" ->
                new CancellationRefused(
                        EVENT, ORDER, OCCURRED, name, CancellationReason.valueOf(reason), "already being made");
            case "OrderRejected" ->
                new OrderRejected(EVENT, ORDER, OCCURRED, name, RejectionReason.valueOf(reason), "no pumpkin spice");
            case "PreparationCancelled" ->
                new PreparationCancelled(EVENT, ORDER, OCCURRED, name, CancellationReason.valueOf(reason));
            case "CancellationRequested" ->
                new CancellationRequested(EVENT, ORDER, OCCURRED, name, CancellationReason.valueOf(reason));
            default -> throw new IllegalArgumentException("an event the table cannot name: " + type);
        };
    }
}
