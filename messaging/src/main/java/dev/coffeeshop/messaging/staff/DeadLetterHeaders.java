package dev.coffeeshop.messaging.staff;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers the Kafka binder adds to a record it sends to a dead-letter topic, and the one a replay adds. The
 * binder writes the partition as a 4-byte and the offset and timestamp as 8-byte big-endian numbers.
 */
public final class DeadLetterHeaders {

    public static final String EXCEPTION_MESSAGE = "x-exception-message";
    public static final String EXCEPTION_FQCN = "x-exception-fqcn";
    public static final String EXCEPTION_STACKTRACE = "x-exception-stacktrace";
    public static final String ORIGINAL_TOPIC = "x-original-topic";
    public static final String ORIGINAL_PARTITION = "x-original-partition";
    public static final String ORIGINAL_OFFSET = "x-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "x-original-timestamp";
    public static final String ORIGINAL_TIMESTAMP_TYPE = "x-original-timestamp-type";

    /** Added to a replayed record: {@code <dead-letter topic>/<partition>/<offset>} it was replayed from. */
    public static final String REPLAYED_FROM = "coffeeshop-replayed-from";

    private DeadLetterHeaders() {}

    /** Whether {@code name} is one of the headers dead-lettering adds, which a replay leaves behind. */
    public static boolean addedByDeadLettering(String name) {
        return name.startsWith("x-exception-") || name.startsWith("x-original-") || name.equals(REPLAYED_FROM);
    }

    /** The last {@code name} header as UTF-8 text, or null. */
    static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The last {@code name} header as a number (binary big-endian, or decimal text), or null. */
    static Long number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        byte[] value = header.value();
        try {
            return switch (value.length) {
                case 4 -> (long) ByteBuffer.wrap(value).getInt();
                case 8 -> ByteBuffer.wrap(value).getLong();
                default -> Long.parseLong(new String(value, StandardCharsets.UTF_8).strip());
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
