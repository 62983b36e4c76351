package dev.coffeeshop.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The JSON files under {@code events/} are the contract: what v1 producers write and v1 consumers must read. */
class GoldenEventTests {

    static final UUID ORDER = UUID.fromString("7d1c2f4e-2b8a-4c8e-9f00-5a6b7c8d0001");

    final EventCodec codec = new EventCodec();

    static Arguments[] goldenEvents() {
        return new Arguments[] {
            Arguments.of(
                    "OrderPlaced.v1.json",
                    EventType.ORDER_PLACED,
                    new OrderPlaced(
                            UUID.fromString("0b5e3c1e-6f0a-4c53-9d5c-3f1f2f0a0001"),
                            ORDER,
                            Instant.parse("2026-11-23T08:15:30.123Z"),
                            "Ada",
                            List.of(
                                    new LineItem("latte", "large", 2, List.of("oat-milk", "extra-shot")),
                                    new LineItem("espresso", "small", 1, List.of())),
                            1320,
                            "EUR")),
            Arguments.of(
                    "OrderPlaced.v1.callback-url.json",
                    EventType.ORDER_PLACED,
                    new OrderPlaced(
                            UUID.fromString("0b5e3c1e-6f0a-4c53-9d5c-3f1f2f0a0009"),
                            ORDER,
                            Instant.parse("2026-11-23T08:15:30.123Z"),
                            "Ada",
                            List.of(new LineItem("latte", "large", 1, List.of())),
                            490,
                            "EUR",
                            "https://ada.example/coffee/hooks")),
            Arguments.of(
                    "OrderPlaced.v1.customer.json",
                    EventType.ORDER_PLACED,
                    new OrderPlaced(
                            UUID.fromString("0b5e3c1e-6f0a-4c53-9d5c-3f1f2f0a0010"),
                            ORDER,
                            Instant.parse("2026-11-23T08:15:30.123Z"),
                            "Ada",
                            List.of(new LineItem("latte", "large", 1, List.of())),
                            490,
                            "EUR",
                            null,
                            "ada")),
            Arguments.of(
                    "OrderReady.v1.json",
                    EventType.ORDER_READY,
                    new OrderReady(
                            UUID.fromString("0b5e3c1e-6f0a-4c53-9d5c-3f1f2f0a0002"),
                            ORDER,
                            Instant.parse("2026-11-23T08:17:02Z"),
                            "Ada")),
            Arguments.of(
                    "OrderRejected.v1.json",
                    EventType.ORDER_REJECTED,
                    new OrderRejected(
                            UUID.fromString("0b5e3c1e-6f0a-4c53-9d5c-3f1f2f0a0003"),
                            ORDER,
                            Instant.parse("2026-11-23T08:16:11Z"),
                            "Ada",
                            RejectionReason.OUT_OF_STOCK,
                            "not enough oat-milk")),
            Arguments.of(
                    "PaymentRefunded.v1.json",
                    EventType.PAYMENT_REFUNDED,
                    new PaymentRefunded(
                            UUID.fromString("0b5e3c1e-6f0a-4c53-9d5c-3f1f2f0a0004"),
                            ORDER,
                            Instant.parse("2026-11-23T08:16:12Z"),
                            "Ada",
                            1320,
                            "OUT_OF_STOCK")),
            Arguments.of(
                    "CancellationRequested.v1.json",
                    EventType.CANCELLATION_REQUESTED,
                    new CancellationRequested(
                            UUID.fromString("0b5e3c1e-6f0a-4c53-9d5c-3f1f2f0a0005"),
                            ORDER,
                            Instant.parse("2026-11-23T08:15:40Z"),
                            "Ada",
                            CancellationReason.CUSTOMER)),
            Arguments.of(
                    "PreparationCancelled.v1.json",
                    EventType.PREPARATION_CANCELLED,
                    new PreparationCancelled(
                            UUID.fromString("0b5e3c1e-6f0a-4c53-9d5c-3f1f2f0a0006"),
                            ORDER,
                            Instant.parse("2026-11-23T08:15:41Z"),
                            "Ada",
                            CancellationReason.CUSTOMER)),
            Arguments.of(
                    "CancellationRefused.v1.json",
                    EventType.CANCELLATION_REFUSED,
                    new CancellationRefused(
                            UUID.fromString("0b5e3c1e-6f0a-4c53-9d5c-3f1f2f0a0007"),
                            ORDER,
                            Instant.parse("2026-11-23T08:15:41Z"),
                            "Ada",
                            CancellationReason.CUSTOMER,
                            "already being made")),
            Arguments.of(
                    "OrderCancelled.v1.json",
                    EventType.ORDER_CANCELLED,
                    new OrderCancelled(
                            UUID.fromString("0b5e3c1e-6f0a-4c53-9d5c-3f1f2f0a0008"),
                            ORDER,
                            Instant.parse("2026-11-23T08:15:42Z"),
                            "Ada",
                            1320))
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void readsTheGoldenFile(String file, EventType type, OrderEvent expected) {
        // given
        byte[] golden = fixture(file);

        // when
        OrderEvent read = codec.read(type, golden);

        // then
        assertThat(read).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void writesWhatTheGoldenFileSays(String file, EventType type, OrderEvent event) {
        // given
        var json = JsonMapper.builder().build();

        // when
        byte[] written = codec.toJson(event);

        // then
        assertThat(json.readTree(written)).isEqualTo(json.readTree(fixture(file)));
        assertThat(EventType.of(event)).isEqualTo(type);
    }

    @Test
    void ignoresFieldsAddedByANewerProducer() {
        // given
        byte[] newer = fixture("OrderPlaced.v1.unknown-fields.json");

        // when
        OrderEvent read = codec.read(EventType.ORDER_PLACED, newer);

        // then
        assertThat(read).isEqualTo(codec.read(EventType.ORDER_PLACED, fixture("OrderPlaced.v1.json")));
    }

    @Test
    void readsARejectionReasonItDoesNotKnowAsUnknown() {
        // given
        byte[] newer = fixture("OrderRejected.v1.future-reason.json");

        // when
        var read = (OrderRejected) codec.read(EventType.ORDER_REJECTED, newer);

        // then
        assertThat(read.reason()).isEqualTo(RejectionReason.UNKNOWN);
        assertThat(read.detail()).isEqualTo("a reason this consumer has never heard of");
    }

    static byte[] fixture(String name) {
        try (InputStream in = GoldenEventTests.class.getResourceAsStream("/events/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
