package dev.coffeeshop.events;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/** Turns events into JSON payloads and back, validating what every consumer relies on. Thread-safe. */
public final class EventCodec {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .build();

    public byte[] toJson(OrderEvent event) {
        return json.writeValueAsBytes(event);
    }

    /**
     * Reads an event from its record headers and payload. Header values may be {@code byte[]} (as Kafka carries
     * them) or strings.
     *
     * @throws UnreadableEventException naming what is wrong, when no retry could ever read this record
     */
    public OrderEvent read(Map<String, ?> headers, byte[] payload) {
        String ceType = attribute(headers, "type");
        if (ceType == null) {
            throw new UnreadableEventException("missing header " + CloudEventHeaders.TYPE);
        }
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new UnreadableEventException("unknown event type '" + ceType + "'"));
        return read(type, payload);
    }

    public OrderEvent read(EventType type, byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new UnreadableEventException("empty payload for " + type.ceType());
        }
        OrderEvent event;
        try {
            event = json.readValue(payload, type.javaType());
        } catch (JacksonException e) {
            throw new UnreadableEventException(
                    "payload is not a valid " + type.ceType() + ": " + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new UnreadableEventException("payload is null for " + type.ceType());
        }
        requirePresent(event.eventId(), "eventId", type);
        requirePresent(event.orderId(), "orderId", type);
        requirePresent(event.occurredAt(), "occurredAt", type);
        return event;
    }

    /**
     * A CloudEvents attribute from record headers, whichever binding prefix carries it: {@code ce_} (Kafka),
     * {@code ce-} (HTTP, and what Spring Cloud Function renames some Kafka headers to) or {@code ce.}.
     */
    public static String attribute(Map<String, ?> headers, String name) {
        for (String prefix : new String[] {"ce_", "ce-", "ce."}) {
            String value = header(headers, prefix + name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * The record value as bytes, or null when the record has none: a null Kafka value reaches a Spring consumer as a
     * placeholder object, not as null, and must still be read as the unreadable record it is.
     */
    public static byte[] payload(Object value) {
        return value instanceof byte[] bytes ? bytes : null;
    }

    /** A header as text, or null when absent. */
    public static String header(Map<String, ?> headers, String name) {
        Object value = headers.get(name);
        return switch (value) {
            case null -> null;
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            case UUID id -> id.toString();
            default -> value.toString();
        };
    }

    private static void requirePresent(Object value, String field, EventType type) {
        if (value == null) {
            throw new UnreadableEventException(type.ceType() + " has no " + field);
        }
    }
}
