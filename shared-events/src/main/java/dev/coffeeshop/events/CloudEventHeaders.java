package dev.coffeeshop.events;

import java.util.LinkedHashMap;
import java.util.Map;

/** CloudEvents 1.0 binary-mode attributes as carried in Kafka record headers (the Kafka protocol binding). */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {}

    /** The headers announcing {@code event}; {@code source} names the producing service, e.g. {@code /order-intake}. */
    public static Map<String, String> of(OrderEvent event, String source) {
        var headers = new LinkedHashMap<String, String>();
        headers.put(SPEC_VERSION, "1.0");
        headers.put(ID, event.eventId().toString());
        headers.put(TYPE, EventType.of(event).ceType());
        headers.put(SOURCE, source);
        headers.put(TIME, event.occurredAt().toString());
        headers.put(SUBJECT, event.orderId().toString());
        headers.put(CONTENT_TYPE, "application/json");
        return headers;
    }
}
