package dev.coffeeshop.testsupport.contracts;

import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.EventType;
import dev.coffeeshop.events.KafkaAccess;
import dev.coffeeshop.events.Topics;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's AsyncAPI 3.0 document, made from what it really does on Kafka ({@link ServiceChannels}) and the event
 * records ({@link EventSchemas}): a channel per topic it sends to or receives from (its dead-letter and replay topics
 * included), an operation per direction, and a message per event type on the topic with its payload schema and its
 * headers: the CloudEvents binary-mode attributes the outbox relay writes, and {@code traceparent}.
 */
public final class AsyncApiDocument {

    private static final String KAFKA_BINDING_VERSION = "0.5.0";
    private static final String DEAD_LETTER = "DeadLetter";
    private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

    private AsyncApiDocument() {}

    /** The document of the service running with {@code environment}. */
    public static JsonNode of(Environment environment) {
        return of(ServiceChannels.of(environment));
    }

    static JsonNode of(ServiceChannels service) {
        var channels = new TreeMap<String, ObjectNode>();
        var operations = new TreeMap<String, ObjectNode>();
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        boolean deadLetters = false;

        for (String topic : service.sends()) {
            types.addAll(eventsOn(topic));
            channels.put(topic, eventChannel(topic, topic, "Published by " + service.service() + "'s outbox relay."));
            operations.put(
                    "send-" + topic,
                    operation(
                            "send",
                            topic,
                            eventsOn(topic),
                            null,
                            "Each event is stored in the outbox with the change it announces, in one transaction, and"
                                    + " published from there at least once."));
        }
        for (ServiceChannels.Consumer consumer : service.receives()) {
            for (String topic : consumer.topics()) {
                String original = originalOf(topic, consumer.group());
                types.addAll(eventsOn(original));
                boolean replay = !original.equals(topic);
                channels.put(
                        topic,
                        eventChannel(
                                topic,
                                original,
                                replay
                                        ? "Dead letters of " + original + " replayed by an operator for group "
                                                + consumer.group()
                                                + " alone (POST /staff/dead-letters/{topic}/{partition}/{offset}/replay); each record"
                                                + " as it was dead-lettered, with the header coffeeshop-replayed-from."
                                        : "Read by consumer group " + consumer.group() + " (binding "
                                                + consumer.binding() + ")."));
                operations.put(
                        "receive-" + topic,
                        operation(
                                "receive",
                                topic,
                                eventsOn(original),
                                consumer.group(),
                                "Records of event types this service has no business with are skipped; a record it cannot"
                                        + " read goes to its dead-letter topic at once."));
                if (replay) {
                    operations.put(
                            "send-" + topic,
                            operation(
                                    "send",
                                    topic,
                                    eventsOn(original),
                                    null,
                                    "An operator's replay of one dead-lettered record."));
                }
            }
            if (consumer.deadLetters() != null) {
                deadLetters = true;
                channels.put(consumer.deadLetters(), deadLetterChannel(consumer));
                operations.put(
                        "send-" + consumer.deadLetters(),
                        operation(
                                "send",
                                consumer.deadLetters(),
                                List.of(),
                                null,
                                "What this service could not read, with the reason; staff list and replay"
                                        + " them at /staff/dead-letters."));
            }
        }

        EventSchemas.Schemas schemas = EventSchemas.of(types);
        ObjectNode messages = nodes.objectNode();
        schemas.payloads().forEach((type, payload) -> messages.set(messageName(type), eventMessage(type, payload)));
        if (deadLetters) {
            messages.set(DEAD_LETTER, deadLetterMessage());
        }

        ObjectNode document = nodes.objectNode();
        document.put("asyncapi", "3.0.0");
        document.set(
                "info",
                nodes.objectNode()
                        .put("title", service.service() + " events")
                        .put("version", service.version())
                        .put(
                                "description",
                                "The Kafka topics " + service.service() + " sends to and receives from. Every"
                                        + " record is keyed by its order id; its value is the event as JSON, its headers the"
                                        + " CloudEvents 1.0 attributes (Kafka binding, binary mode) and, where the event was written"
                                        + " inside a trace, its W3C traceparent. Consumers ignore fields they do not know. See"
                                        + " docs/events.md."));
        document.put("defaultContentType", "application/json");
        document.set(
                "servers",
                nodes.objectNode()
                        .set(
                                "kafka",
                                nodes.objectNode()
                                        .put("host", "localhost:9092")
                                        .put("protocol", "kafka")
                                        .put(
                                                "description",
                                                "Wherever KAFKA_BOOTSTRAP_SERVERS points; each service connects as its own"
                                                        + " principal (its name) and may do only what docs/security.md grants it.")
                                        .set(
                                                "security",
                                                nodes.arrayNode().add(ref("#/components/securitySchemes/scram")))));
        document.set("channels", object(channels));
        document.set("operations", object(operations));
        ObjectNode components = nodes.objectNode();
        components.set("messages", messages);
        components.set("schemas", schemas.definitions());
        components.set(
                "securitySchemes",
                nodes.objectNode()
                        .set(
                                "scram",
                                nodes.objectNode()
                                        .put("type", "scramSha512")
                                        .put(
                                                "description",
                                                "SASL/SCRAM-SHA-512 with the service's own credentials (KAFKA_USERNAME,"
                                                        + " KAFKA_PASSWORD), on every listener.")));
        document.set("components", components);
        return CanonicalJson.sorted(document);
    }

    /** The topic a replay topic ({@code <topic>.<group>.replay}) replays to its group. */
    private static String originalOf(String topic, String group) {
        String suffix = "." + group + ".replay";
        return topic.endsWith(suffix) ? topic.substring(0, topic.length() - suffix.length()) : topic;
    }

    private static List<EventType> eventsOn(String topic) {
        return Arrays.stream(EventType.values())
                .filter(type -> type.topic().equals(topic))
                .toList();
    }

    private static String messageName(EventType type) {
        return type.javaType().getSimpleName();
    }

    private static ObjectNode eventChannel(String topic, String original, String description) {
        ObjectNode messages = nodes.objectNode();
        for (EventType type : eventsOn(original)) {
            messages.set(messageName(type), ref("#/components/messages/" + messageName(type)));
        }
        return nodes.objectNode()
                .put("address", topic)
                .put("description", description)
                .<ObjectNode>set("messages", messages)
                .set("bindings", kafkaBinding(nodes.objectNode().put("partitions", Topics.PARTITIONS)));
    }

    private static ObjectNode deadLetterChannel(ServiceChannels.Consumer consumer) {
        ObjectNode topic = nodes.objectNode();
        if (consumer.deadLetterPartitions() != null) {
            topic.put("partitions", consumer.deadLetterPartitions());
        }
        return nodes.objectNode()
                .put("address", consumer.deadLetters())
                .put(
                        "description",
                        "Records of " + String.join(", ", consumer.topics()) + " that consumer group "
                                + consumer.group() + " could not read, with the reason.")
                .<ObjectNode>set(
                        "messages", nodes.objectNode().set(DEAD_LETTER, ref("#/components/messages/" + DEAD_LETTER)))
                .set("bindings", kafkaBinding(topic));
    }

    private static ObjectNode operation(
            String action, String channel, List<EventType> events, String group, String description) {
        var messages = nodes.arrayNode();
        if (events.isEmpty()) {
            messages.add(ref("#/channels/" + channel + "/messages/" + DEAD_LETTER));
        }
        events.forEach(type -> messages.add(ref("#/channels/" + channel + "/messages/" + messageName(type))));
        ObjectNode operation = nodes.objectNode()
                .put("action", action)
                .put("description", description)
                .<ObjectNode>set("channel", ref("#/channels/" + channel))
                .set("messages", messages);
        if (group != null) {
            operation.set(
                    "bindings",
                    kafkaBinding(nodes.objectNode()
                            .set(
                                    "groupId",
                                    nodes.objectNode()
                                            .put("type", "string")
                                            .set("enum", nodes.arrayNode().add(group)))));
        }
        return operation;
    }

    private static ObjectNode eventMessage(EventType type, ObjectNode payload) {
        String publisher = KafkaAccess.services().stream()
                .filter(service -> service.publishes().contains(type.topic()))
                .map(KafkaAccess::principal)
                .findFirst()
                .orElse("?");
        return nodes.objectNode()
                .put("name", messageName(type))
                .put("title", messageName(type))
                .put(
                        "summary",
                        "CloudEvents type " + type.ceType() + ", published by " + publisher + " on " + type.topic()
                                + ".")
                .put("contentType", "application/json")
                .<ObjectNode>set("headers", cloudEventHeaders(type, publisher))
                .<ObjectNode>set("payload", payload)
                .set("bindings", kafkaBinding(nodes.objectNode().set("key", orderIdKey())));
    }

    /** The headers {@code OutboxRelay} writes, as {@link CloudEventHeaders} names them. */
    private static ObjectNode cloudEventHeaders(EventType type, String publisher) {
        ObjectNode properties = nodes.objectNode();
        properties.set(CloudEventHeaders.SPEC_VERSION, constant("1.0", "the CloudEvents version"));
        properties.set(
                CloudEventHeaders.ID, string("uuid", "the event id, unique per fact; consumers deduplicate on it"));
        properties.set(CloudEventHeaders.TYPE, constant(type.ceType(), "the event type and its version"));
        properties.set(CloudEventHeaders.SOURCE, string("uri-reference", "the producing service, as /" + publisher));
        properties.set(CloudEventHeaders.TIME, string("date-time", "when the fact happened at its source"));
        properties.set(CloudEventHeaders.SUBJECT, string("uuid", "the order id"));
        properties.set(CloudEventHeaders.CONTENT_TYPE, constant("application/json", "the payload's media type"));
        properties.set(
                "traceparent",
                nodes.objectNode()
                        .put("type", "string")
                        .put("pattern", "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")
                        .put(
                                "description",
                                "the W3C trace context of the span the event was written in; absent when it"
                                        + " was written outside a trace"));
        var required = nodes.arrayNode();
        new TreeSet<>(List.of(
                        CloudEventHeaders.SPEC_VERSION,
                        CloudEventHeaders.ID,
                        CloudEventHeaders.TYPE,
                        CloudEventHeaders.SOURCE,
                        CloudEventHeaders.TIME,
                        CloudEventHeaders.SUBJECT,
                        CloudEventHeaders.CONTENT_TYPE))
                .forEach(required::add);
        return nodes.objectNode()
                .put("type", "object")
                .<ObjectNode>set("properties", properties)
                .set("required", required);
    }

    private static ObjectNode deadLetterMessage() {
        ObjectNode properties = nodes.objectNode();
        properties.set("x-exception-message", string(null, "why the record could not be read"));
        properties.set("x-exception-fqcn", string(null, "the Java type of the failure"));
        properties.set("x-exception-stacktrace", string(null, "where it failed"));
        properties.set("x-original-topic", string(null, "the topic the record was read from"));
        properties.set("x-original-partition", string(null, "its partition, a 4-byte big-endian integer"));
        properties.set("x-original-offset", string(null, "its offset, an 8-byte big-endian integer"));
        properties.set("x-original-timestamp", string(null, "its timestamp, an 8-byte big-endian integer"));
        properties.set("x-original-timestamp-type", string(null, "CreateTime or LogAppendTime"));
        var required = nodes.arrayNode()
                .add("x-exception-message")
                .add("x-original-offset")
                .add("x-original-partition")
                .add("x-original-topic");
        return nodes.objectNode()
                .put("name", DEAD_LETTER)
                .put("title", "A record that could not be read")
                .put(
                        "summary",
                        "The record's key, value and headers as they arrived (possibly not JSON at all), with"
                                + " the Kafka binder's headers saying why and where from.")
                .put("contentType", "application/octet-stream")
                .<ObjectNode>set(
                        "headers",
                        nodes.objectNode()
                                .put("type", "object")
                                .<ObjectNode>set("properties", properties)
                                .set("required", required))
                .set("payload", nodes.objectNode().put("description", "the original record's value, unchanged"));
    }

    private static ObjectNode orderIdKey() {
        return string("uuid", "the order id, so that one order's events stay in one partition, in order");
    }

    private static ObjectNode kafkaBinding(ObjectNode binding) {
        binding.put("bindingVersion", KAFKA_BINDING_VERSION);
        return nodes.objectNode().set("kafka", binding);
    }

    private static ObjectNode string(String format, String description) {
        ObjectNode schema = nodes.objectNode().put("type", "string");
        if (format != null) {
            schema.put("format", format);
        }
        return schema.put("description", description);
    }

    private static ObjectNode constant(String value, String description) {
        return nodes.objectNode().put("type", "string").put("const", value).put("description", description);
    }

    private static ObjectNode ref(String pointer) {
        return nodes.objectNode().put("$ref", pointer);
    }

    private static ObjectNode object(TreeMap<String, ObjectNode> entries) {
        ObjectNode object = nodes.objectNode();
        entries.forEach(object::set);
        return object;
    }
}
