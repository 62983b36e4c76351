package dev.coffeeshop.messaging.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterTests {

    static final String DLQ = "coffeeshop.intake.orders.notification-service.dlq";

    @Test
    void readsWhereARecordCameFromAndWhyItFailedFromTheBindersHeaders() {
        // given
        var headers = new RecordHeaders();
        headers.add(text("ce_type", "coffeeshop.order.placed.v1"));
        headers.add(text("ce_id", "6c1f0c5e-0000-4000-8000-000000000001"));
        headers.add(text(DeadLetterHeaders.ORIGINAL_TOPIC, "coffeeshop.intake.orders"));
        headers.add(new RecordHeader(
                DeadLetterHeaders.ORIGINAL_PARTITION,
                ByteBuffer.allocate(4).putInt(3).array()));
        headers.add(new RecordHeader(
                DeadLetterHeaders.ORIGINAL_OFFSET,
                ByteBuffer.allocate(8).putLong(41L).array()));
        headers.add(text(DeadLetterHeaders.EXCEPTION_MESSAGE, "payload is not a valid coffeeshop.order.placed.v1"));
        headers.add(text(DeadLetterHeaders.EXCEPTION_FQCN, "org.springframework.messaging.MessagingException"));

        // when
        DeadLetter letter =
                DeadLetter.of(record(headers, "order-1", "{\"orderId\":1}".getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(letter.topic()).isEqualTo(DLQ);
        assertThat(letter.partition()).isZero();
        assertThat(letter.offset()).isEqualTo(7);
        assertThat(letter.timestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(letter.key()).isEqualTo("order-1");
        assertThat(letter.originalTopic()).isEqualTo("coffeeshop.intake.orders");
        assertThat(letter.originalPartition()).isEqualTo(3);
        assertThat(letter.originalOffset()).isEqualTo(41);
        assertThat(letter.reason()).isEqualTo("payload is not a valid coffeeshop.order.placed.v1");
        assertThat(letter.exception()).endsWith("MessagingException");
        assertThat(letter.ceType()).isEqualTo("coffeeshop.order.placed.v1");
        assertThat(letter.ceId()).isEqualTo("6c1f0c5e-0000-4000-8000-000000000001");
        assertThat(letter.payload()).isEqualTo("{\"orderId\":1}");
        assertThat(letter.payloadBase64()).isNull();
        assertThat(letter.payloadBytes()).isEqualTo(13);
        assertThat(letter.payloadTruncated()).isFalse();
    }

    @Test
    void showsAPayloadThatIsNotUtf8InBase64() {
        // given
        byte[] garbage = {(byte) 0xC3, 0x28, '{', 'n', 'o', 'p', 'e'};

        // when
        DeadLetter letter = DeadLetter.of(record(new RecordHeaders(), "order-1", garbage));

        // then
        assertThat(letter.payload()).isNull();
        assertThat(Base64.getDecoder().decode(letter.payloadBase64())).isEqualTo(garbage);
        assertThat(letter.originalTopic()).isNull();
        assertThat(letter.originalPartition()).isNull();
    }

    @Test
    void cutsALongPayloadWithoutTakingAHalfCharacterForGarbage() {
        // given a payload whose cut falls inside a two-byte character
        String text = "a" + "é".repeat(DeadLetter.PAYLOAD_LIMIT);

        // when
        DeadLetter letter = DeadLetter.of(record(new RecordHeaders(), null, text.getBytes(StandardCharsets.UTF_8)));

        // then
        assertThat(letter.payloadTruncated()).isTrue();
        assertThat(letter.payload()).startsWith("aéé").hasSizeLessThanOrEqualTo(DeadLetter.PAYLOAD_LIMIT);
        assertThat(letter.payloadBytes()).isEqualTo(1 + 2 * DeadLetter.PAYLOAD_LIMIT);
        assertThat(letter.key()).isNull();
    }

    @Test
    void tellsARecordWithoutAValueFromAnEmptyOne() {
        // when
        DeadLetter letter = DeadLetter.of(record(new RecordHeaders(), "order-1", null));

        // then
        assertThat(letter.payloadBytes()).isEqualTo(-1);
        assertThat(letter.payload()).isNull();
        assertThat(letter.payloadBase64()).isNull();
    }

    @Test
    void leavesBehindOnReplayOnlyTheHeadersDeadLetteringAdded() {
        assertThat(DeadLetterHeaders.addedByDeadLettering(DeadLetterHeaders.EXCEPTION_STACKTRACE))
                .isTrue();
        assertThat(DeadLetterHeaders.addedByDeadLettering(DeadLetterHeaders.ORIGINAL_TIMESTAMP_TYPE))
                .isTrue();
        assertThat(DeadLetterHeaders.addedByDeadLettering(DeadLetterHeaders.REPLAYED_FROM))
                .isTrue();
        assertThat(DeadLetterHeaders.addedByDeadLettering("ce_id")).isFalse();
        assertThat(DeadLetterHeaders.addedByDeadLettering("content-type")).isFalse();
    }

    private static ConsumerRecord<byte[], byte[]> record(RecordHeaders headers, String key, byte[] value) {
        return new ConsumerRecord<>(
                DLQ,
                0,
                7,
                1_700_000_000_000L,
                TimestampType.CREATE_TIME,
                -1,
                value == null ? -1 : value.length,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value,
                headers,
                Optional.empty());
    }

    private static RecordHeader text(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
