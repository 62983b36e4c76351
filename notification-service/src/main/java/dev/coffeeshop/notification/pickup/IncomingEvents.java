package dev.coffeeshop.notification.pickup;

import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.EventType;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.UnreadableEventException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Reads the events the customer should hear about from Kafka records and skips the rest of a topic, so that new
 * event types published beside them do not disturb this service.
 */
@Component
class IncomingEvents {

    private static final Logger log = LoggerFactory.getLogger(IncomingEvents.class);

    private static final Set<EventType> TOLD_TO_CUSTOMERS =
            EnumSet.of(EventType.ORDER_PLACED, EventType.ORDER_READY, EventType.PAYMENT_REFUNDED);

    private final EventCodec codec = new EventCodec();
    private final MeterRegistry meters;

    IncomingEvents(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * The event in {@code message}, or empty when customers need not hear about its type.
     *
     * @throws UnreadableEventException when the record cannot be read: it belongs in the dead-letter topic
     */
    Optional<OrderEvent> read(Message<?> message) {
        try {
            return decode(message);
        } catch (UnreadableEventException e) {
            meters.counter("coffeeshop.events.unreadable").increment();
            throw e;
        }
    }

    private Optional<OrderEvent> decode(Message<?> message) {
        String ceType = EventCodec.attribute(message.getHeaders(), "type");
        if (ceType == null) {
            throw new UnreadableEventException("missing header " + CloudEventHeaders.TYPE);
        }
        Optional<EventType> type = EventType.ofCeType(ceType);
        if (type.isEmpty() || !TOLD_TO_CUSTOMERS.contains(type.get())) {
            log.debug("Skipping an event of type {}", ceType);
            meters.counter(
                            "coffeeshop.events.skipped",
                            "type",
                            type.map(EventType::ceType).orElse("unknown"))
                    .increment();
            return Optional.empty();
        }
        return Optional.of(codec.read(type.get(), EventCodec.payload(message.getPayload())));
    }
}
