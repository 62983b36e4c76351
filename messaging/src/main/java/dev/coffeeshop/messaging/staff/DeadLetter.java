package dev.coffeeshop.messaging.staff;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One record on a dead-letter topic as an operator sees it: where it is, where it came from, why it failed, which
 * event it carries and its payload.
 *
 * @param key the record key as text when it is UTF-8, else null
 * @param reason the binder's {@code x-exception-message}
 * @param exception the binder's {@code x-exception-fqcn}
 * @param ceType the CloudEvents type header, when present
 * @param ceId the CloudEvents id header (the event id every consumer deduplicates on), when present
 * @param replayedFrom the {@code coffeeshop-replayed-from} header, when the record was replayed and failed again
 * @param payloadBytes the size of the payload; -1 for a record without a value
 * @param payload the payload as text when it is UTF-8, cut to {@value #PAYLOAD_LIMIT} bytes
 * @param payloadBase64 the payload in Base64 when it is not UTF-8, cut to {@value #PAYLOAD_LIMIT} bytes
 * @param payloadTruncated whether the payload shown was cut
 */
public record DeadLetter(
        String topic,
        int partition,
        long offset,
        Instant timestamp,
        String key,
        String originalTopic,
        Long originalPartition,
        Long originalOffset,
        String reason,
        String exception,
        String ceType,
        String ceId,
        String replayedFrom,
        int payloadBytes,
        String payload,
        String payloadBase64,
        boolean payloadTruncated) {

    /** How much of a payload is shown. */
    public static final int PAYLOAD_LIMIT = 4096;

    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        byte[] value = record.value();
        boolean truncated = value != null && value.length > PAYLOAD_LIMIT;
        byte[] shown = value == null ? null : truncated ? Arrays.copyOf(value, PAYLOAD_LIMIT) : value;
        String text = shown == null ? null : utf8(shown, truncated);
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : utf8(record.key(), false),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.ORIGINAL_TOPIC),
                DeadLetterHeaders.number(headers, DeadLetterHeaders.ORIGINAL_PARTITION),
                DeadLetterHeaders.number(headers, DeadLetterHeaders.ORIGINAL_OFFSET),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCEPTION_MESSAGE),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCEPTION_FQCN),
                DeadLetterHeaders.text(headers, "ce_type"),
                DeadLetterHeaders.text(headers, "ce_id"),
                DeadLetterHeaders.text(headers, DeadLetterHeaders.REPLAYED_FROM),
                value == null ? -1 : value.length,
                text,
                shown != null && text == null ? Base64.getEncoder().encodeToString(shown) : null,
                truncated);
    }

    /**
     * {@code bytes} decoded as UTF-8, or null when they are not UTF-8. When {@code cut}, the bytes may end in the
     * middle of a character, which is dropped rather than taken for garbage.
     */
    static String utf8(byte[] bytes, boolean cut) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int length = bytes.length;
        for (int dropped = 0; dropped <= (cut ? 3 : 0) && length - dropped >= 0; dropped++) {
            try {
                return decoder.reset()
                        .decode(ByteBuffer.wrap(bytes, 0, length - dropped))
                        .toString();
            } catch (CharacterCodingException e) {
                // try again without the last byte of a character that was cut
            }
        }
        return null;
    }
}
