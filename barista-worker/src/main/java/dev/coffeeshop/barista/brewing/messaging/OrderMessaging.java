package dev.coffeeshop.barista.brewing.messaging;

import dev.coffeeshop.barista.brewing.Barista;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.messaging.ListenerLiveness;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds {@code coffeeshop.intake.orders} (binding {@code prepareOrder-in-0}), a poll's records at a time (see
 * {@link BaristaBatches}). Unreadable records and invalid orders
 * throw, and the binder sends them to the dead-letter topic without retrying; other events on the topic are skipped.
 */
@Configuration(proxyBeanMethods = false)
class OrderMessaging {

    private static final Logger log = LoggerFactory.getLogger(OrderMessaging.class);

    @Bean
    Consumer<Message<?>> prepareOrder(Barista barista, BaristaBatches batches, ApplicationEventPublisher publisher) {
        var codec = new EventCodec();
        return batches.listener(new ListenerLiveness(publisher).guard("prepareOrder-in-0", message -> {
            OrderEvent event = codec.read(message.getHeaders(), EventCodec.payload(message.getPayload()));
            if (event instanceof OrderPlaced order) {
                barista.prepare(order);
            } else {
                log.debug(
                        "Skipping {} of order {}: not for the baristas",
                        event.getClass().getSimpleName(),
                        event.orderId());
            }
        }));
    }
}
