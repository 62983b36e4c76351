package dev.coffeeshop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTests {

    final EventCodec codec = new EventCodec();

    final OrderReady ready = new OrderReady(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "Grace");

    @Test
    void readsBackWhatItWroteUsingTheCloudEventHeaders() {
        // given
        Map<String, byte[]> headers = asKafkaHeaders(CloudEventHeaders.of(ready, "/barista-worker"));

        // when
        OrderEvent read = codec.read(headers, codec.toJson(ready));

        // then
        assertThat(read).isEqualTo(ready);
    }

    @Test
    void announcesTheEventInBinaryModeHeaders() {
        // when
        Map<String, String> headers = CloudEventHeaders.of(ready, "/barista-worker");

        // then
        assertThat(headers)
                .containsEntry("ce_id", ready.eventId().toString())
                .containsEntry("ce_type", "coffeeshop.order.ready.v1")
                .containsEntry("ce_source", "/barista-worker")
                .containsEntry("ce_subject", ready.orderId().toString())
                .containsEntry("ce_time", ready.occurredAt().toString())
                .containsEntry("ce_specversion", "1.0");
    }

    @Test
    void rejectsGarbageBytesNamingTheType() {
        // given
        byte[] garbage = {(byte) 0xff, 0x00, 0x13, 0x37};

        // then
        assertThatThrownBy(() -> codec.read(EventType.ORDER_READY, garbage))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("coffeeshop.order.ready.v1");
    }

    @Test
    void findsTheTypeUnderEveryCloudEventsPrefix() {
        for (String header : new String[] {"ce_type", "ce-type", "ce.type"}) {
            assertThat(codec.read(Map.of(header, "coffeeshop.order.ready.v1"), codec.toJson(ready)))
                    .as(header)
                    .isEqualTo(ready);
        }
    }

    @Test
    void rejectsARecordWithoutTypeHeader() {
        assertThatThrownBy(() -> codec.read(Map.of(), codec.toJson(ready)))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessage("missing header ce_type");
    }

    @Test
    void rejectsAnUnknownType() {
        // given
        var headers = Map.of("ce_type", "coffeeshop.order.teleported.v9");

        // then
        assertThatThrownBy(() -> codec.read(headers, codec.toJson(ready)))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("unknown event type 'coffeeshop.order.teleported.v9'");
    }

    @Test
    void rejectsAnEventWithoutOrderId() {
        // given
        byte[] noOrder = """
                {"eventId":"0b5e3c1e-6f0a-4c53-9d5c-3f1f2f0a0002","occurredAt":"2026-11-23T08:17:02Z"}""".getBytes(StandardCharsets.UTF_8);

        // then
        assertThatThrownBy(() -> codec.read(EventType.ORDER_READY, noOrder))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessage("coffeeshop.order.ready.v1 has no orderId");
    }

    @Test
    void readsAMissingValueAsNoPayload() {
        assertThat(EventCodec.payload(new Object())).isNull();
        assertThat(EventCodec.payload(new byte[] {1})).containsExactly(1);
        assertThatThrownBy(() -> codec.read(EventType.ORDER_READY, EventCodec.payload(null)))
                .isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void rejectsAnEmptyPayload() {
        assertThatThrownBy(() -> codec.read(EventType.ORDER_READY, new byte[0]))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("empty payload");
    }

    private static Map<String, byte[]> asKafkaHeaders(Map<String, String> headers) {
        var bytes = new java.util.HashMap<String, byte[]>();
        headers.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }
}
