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
 * Reads the events the customer should hear about from Kafka records and skips the other known types of a topic.
 *
 * <p>A type this service does not know at all is unreadable and goes to the dead-letter topic: the service cannot
 * tell whether it matters to the customer, and the dead-letter topic keeps it to be replayed once the service has
 * been upgraded to read it (see {@code docs/events.md}, "Evolving an event").
 */
@Component
class IncomingEvents {

    private static final Logger log = LoggerFactory.getLogger(IncomingEvents.class);

    private static final Set<EventType> TOLD_TO_CUSTOMERS = EnumSet.of(
            EventType.ORDER_PLACED,
            EventType.ORDER_READY,
            EventType.PAYMENT_REFUNDED,
            EventType.ORDER_CANCELLED,
            EventType.CANCELLATION_REFUSED);

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
        EventType type = EventType.ofCeType(ceType)
                .orElseThrow(() -> new UnreadableEventException("unknown event type '" + ceType + "'"));
        if (!TOLD_TO_CUSTOMERS.contains(type)) {
            log.debug("Skipping an event of type {}", ceType);
            meters.counter("coffeeshop.events.skipped", "type", type.ceType()).increment();
            return Optional.empty();
        }
        return Optional.of(codec.read(type, EventCodec.payload(message.getPayload())));
    }
}
