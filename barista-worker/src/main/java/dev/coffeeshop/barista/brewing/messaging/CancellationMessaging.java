package dev.coffeeshop.barista.brewing.messaging;

import dev.coffeeshop.barista.brewing.Barista;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.messaging.ListenerLiveness;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds {@code coffeeshop.intake.cancellations} (binding {@code cancelPreparation-in-0}). Its own consumers, so a
 * cancellation is answered while its order may still wait in the backlog of {@code coffeeshop.intake.orders}.
 * Unreadable records throw, and the binder sends them to the dead-letter topic without retrying; other events on the
 * topic are skipped.
 */
@Configuration(proxyBeanMethods = false)
class CancellationMessaging {

    private static final Logger log = LoggerFactory.getLogger(CancellationMessaging.class);

    @Bean
    Consumer<Message<?>> cancelPreparation(
            Barista barista, BaristaBatches batches, ApplicationEventPublisher publisher) {
        var codec = new EventCodec();
        return batches.listener(new ListenerLiveness(publisher).guard("cancelPreparation-in-0", message -> {
            OrderEvent event = codec.read(message.getHeaders(), EventCodec.payload(message.getPayload()));
            if (event instanceof CancellationRequested request) {
                barista.cancel(request);
            } else {
                log.debug(
                        "Skipping {} of order {}: not for the baristas",
                        event.getClass().getSimpleName(),
                        event.orderId());
            }
        }));
    }
}
