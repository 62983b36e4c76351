package dev.coffeeshop.local.logs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line of a component's log, read: a service's ECS JSON line with its fields, or any other line (Kafka's,
 * PostgreSQL's, the trace viewer's, a JVM's warning) as it is, with the time it starts with when it has one.
 *
 * @param service the component whose log it is (the file's name)
 * @param time when it was written; empty for a line that does not say (a continuation of the line before)
 * @param level {@code INFO}, {@code WARN}, ...; empty for a line that is not JSON
 * @param orderId the order the line is about ({@code order.id}), or empty
 * @param eventId the event being handled ({@code event.id}), or empty
 * @param traceId the trace the line belongs to ({@code trace.id}), or empty
 * @param logger the logger's full name, or empty
 * @param message the message; the whole line for one that is not JSON
 * @param stackTrace the error's stack trace, or empty
 * @param json whether the line was a structured one
 */
public record LogLine(
        String service,
        Optional<Instant> time,
        String level,
        String orderId,
        String eventId,
        String traceId,
        String logger,
        String message,
        String stackTrace,
        boolean json) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A time at the start of a plain line: Kafka's {@code [2026-12-02 04:00:01,234]}, PostgreSQL's
     * {@code 2026-12-02 04:00:01.234 UTC}, Spring Boot's plain {@code 2026-12-02T04:00:01.234Z}; without a zone it is
     * the machine's local time.
     */
    private static final Pattern PLAIN_TIME = Pattern.compile(
            "^\\[?(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d{1,9}))?\\s*(Z|UTC|[+-]\\d{2}:?\\d{2})?");

    /** {@code raw}, a line of {@code service}'s log; a plain line without a time of its own has none. */
    public static LogLine parse(String service, String raw, ZoneId localZone) {
        if (raw.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(raw);
                if (node != null && node.isObject() && node.has("@timestamp")) {
                    return structured(service, node);
                }
            } catch (JacksonException notJson) {
                // shown as it is, like any other line
            }
        }
        return new LogLine(service, plainTime(raw, localZone), "", "", "", "", "", raw, "", false);
    }

    private static LogLine structured(String service, JsonNode node) {
        Optional<Instant> time;
        try {
            time = Optional.of(Instant.parse(field(node, "@timestamp")));
        } catch (DateTimeParseException e) {
            time = Optional.empty();
        }
        String stackTrace = field(node, "error.stack_trace");
        if (stackTrace.isEmpty() && !field(node, "error.type").isEmpty()) {
            stackTrace = field(node, "error.type") + ": " + field(node, "error.message");
        }
        String name = field(node, "service.name");
        return new LogLine(
                name.isEmpty() ? service : name,
                time,
                field(node, "log.level"),
                field(node, "order.id"),
                field(node, "event.id"),
                firstOf(field(node, "trace.id"), field(node, "traceId")),
                field(node, "log.logger"),
                field(node, "message"),
                stackTrace,
                true);
    }

    /**
     * A field by its ECS name, written either nested ({@code {"log":{"level":..}}}, as Spring Boot writes ECS) or
     * flat ({@code {"log.level":..}}, as other ECS writers do); empty when absent.
     */
    static String field(JsonNode node, String name) {
        JsonNode flat = node.get(name);
        if (flat != null && flat.isValueNode() && !flat.isNull()) {
            return flat.asString();
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            return "";
        }
        JsonNode parent = node.get(name.substring(0, dot));
        return parent != null && parent.isObject() ? field(parent, name.substring(dot + 1)) : "";
    }

    private static String firstOf(String first, String second) {
        return first.isEmpty() ? second : first;
    }

    private static Optional<Instant> plainTime(String raw, ZoneId localZone) {
        var matcher = PLAIN_TIME.matcher(raw);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String fraction = matcher.group(3) == null ? "0" : matcher.group(3);
        try {
            var local = LocalDateTime.parse(matcher.group(1) + "T" + matcher.group(2) + "." + fraction);
            String zone = matcher.group(4);
            ZoneId in = zone == null
                    ? localZone
                    : "Z".equals(zone) || "UTC".equals(zone) ? ZoneId.of("UTC") : ZoneId.of(zone);
            return Optional.of(local.atZone(in).toInstant());
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** This line, dated {@code time} when it has no time of its own (it belongs with the line before it). */
    LogLine datedIfUndated(Instant time) {
        return this.time.isPresent()
                ? this
                : new LogLine(
                        service,
                        Optional.of(time),
                        level,
                        orderId,
                        eventId,
                        traceId,
                        logger,
                        message,
                        stackTrace,
                        json);
    }

    /**
     * Whether the line concerns the order whose id is or starts with {@code order}: its {@code order.id} says so, or
     * its message names it (a plain line, or one written outside the order's context that mentions it).
     */
    boolean concerns(String order) {
        String wanted = order.toLowerCase(Locale.ROOT);
        return orderId.toLowerCase(Locale.ROOT).startsWith(wanted) && !orderId.isEmpty()
                || message.toLowerCase(Locale.ROOT).contains(wanted);
    }
}
