package dev.coffeeshop.messaging.batch;

import dev.coffeeshop.events.OrderTraces;
import dev.coffeeshop.messaging.logging.OrderLogContext;
import dev.coffeeshop.messaging.tracing.Traceparents;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * One consumed record as an observation named {@value #NAME}: a timer per topic and event type, and, where tracing is
 * on, a consumer span named {@code process <topic>} whose parent is the span in the record's W3C {@code traceparent}
 * header (the span that wrote the event to its producer's outbox). A child rather than a link: every record is one
 * event of one order, so the order's whole story, from the customer's request through each service's handling to the
 * webhook, stays one trace that a trace viewer shows as one tree.
 *
 * <p>Key values: {@code messaging.destination.name} (the topic) and {@code event.type} (the CloudEvents type), low
 * cardinality; {@code order.id} (the CloudEvents subject), on the span only.
 */
public final class RecordObservation {

    /** The observation's name, and the timer's. */
    public static final String NAME = "coffeeshop.record";

    private RecordObservation() {}

    /** The observation of one record, not started yet. */
    static Observation of(ObservationRegistry registry, Message<?> record) {
        var context = new ReceiverContext<Message<?>>(RecordObservation::header, Kind.CONSUMER);
        context.setCarrier(record);
        context.setRemoteServiceName("kafka");
        String topic = orUnknown(record.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC));
        return Observation.createNotStarted(NAME, () -> context, registry)
                .contextualName("process " + topic)
                .lowCardinalityKeyValues(KeyValues.of(
                        "messaging.destination.name", topic, "event.type", orUnknown(header(record, "ce_type"))))
                .highCardinalityKeyValue("order.id", orUnknown(header(record, "ce_subject")));
    }

    /**
     * The log context of one record until it is closed: {@code order.id} from its CloudEvents subject (the record key,
     * which is the order id too, for a record without one) and {@code event.id} from its CloudEvents id.
     */
    static OrderLogContext logged(Message<?> record) {
        String orderId = header(record, "ce_subject");
        if (orderId == null) {
            orderId = header(record, KafkaHeaders.RECEIVED_KEY);
        }
        return OrderLogContext.event(orderId, header(record, "ce_id"));
    }

    /**
     * Runs {@code work}, which handles all of {@code records} together, with each record's observation started before
     * and stopped after it (failed with its error, if it throws). None is current while it runs; instead each record's
     * span is bound as its order's trace context ({@link OrderTraces}), so what the work stores for an order to carry on
     * (an outbox row, a payment action) continues that record's trace.
     */
    static void around(ObservationRegistry registry, List<Message<?>> records, Runnable work) {
        var observations = new ArrayList<Observation>(records.size());
        var traces = new HashMap<UUID, String>();
        for (Message<?> record : records) {
            Observation observation = of(registry, record).start();
            observations.add(observation);
            traceparent(observation)
                    .ifPresent(traceparent -> orderId(record).ifPresent(orderId -> traces.put(orderId, traceparent)));
        }
        try {
            OrderTraces.within(traces, work);
        } catch (RuntimeException | Error e) {
            observations.forEach(observation -> observation.error(e));
            throw e;
        } finally {
            observations.forEach(Observation::stop);
        }
    }

    /** The {@code traceparent} of the observation's span, if tracing made one. */
    private static Optional<String> traceparent(Observation observation) {
        TracingObservationHandler.TracingContext tracing =
                observation.getContext().get(TracingObservationHandler.TracingContext.class);
        return tracing == null || tracing.getSpan() == null
                ? Optional.empty()
                : Optional.of(Traceparents.format(tracing.getSpan().context()));
    }

    /** The order a record is about: its CloudEvents subject. */
    private static Optional<UUID> orderId(Message<?> record) {
        String subject = header(record, "ce_subject");
        try {
            return subject == null ? Optional.empty() : Optional.of(UUID.fromString(subject));
        } catch (IllegalArgumentException notAnOrder) {
            return Optional.empty();
        }
    }

    /** A header of the record as text: the binder leaves most headers as the bytes Kafka carried. */
    static @Nullable String header(Message<?> record, String name) {
        Object value = record.getHeaders().get(name);
        return switch (value) {
            case null -> null;
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            default -> value.toString();
        };
    }

    private static String orUnknown(@Nullable Object value) {
        return value == null ? "unknown" : value.toString();
    }
}
