package dev.coffeeshop.notification.pickup;

import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.messaging.ListenerLiveness;
import dev.coffeeshop.messaging.batch.BatchListener;
import dev.coffeeshop.notification.webhooks.Webhooks;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/** The Kafka bindings (one per topic) and the default notification channel. */
@Configuration(proxyBeanMethods = false)
class PickupBindings {

    /** Binding {@code notifyAboutOrder-in-0}: the cashier's facts (placed, refunded). */
    @Bean
    Consumer<Message<?>> notifyAboutOrder(
            IncomingEvents events, PickupCounter counter, Batches batches, ApplicationEventPublisher publisher) {
        return batches.listener(new ListenerLiveness(publisher)
                .guard("notifyAboutOrder-in-0", message -> events.read(message).ifPresent(counter::handle)));
    }

    /** Binding {@code notifyAboutPreparation-in-0}: the baristas' facts (ready; rejections are skipped). */
    @Bean
    Consumer<Message<?>> notifyAboutPreparation(
            IncomingEvents events, PickupCounter counter, Batches batches, ApplicationEventPublisher publisher) {
        return batches.listener(
                new ListenerLiveness(publisher).guard("notifyAboutPreparation-in-0", message -> events.read(message)
                        .ifPresent(counter::handle)));
    }

    /**
     * Both bindings take a poll's records at a time, in one transaction. The two topics carry events of the same
     * orders, and each event locks its order: a batch takes all its orders' locks first, in one fixed order, so two
     * batches never wait for each other in a circle.
     */
    @Bean
    Batches batches(
            TransactionTemplate transactions, Webhooks webhooks, ObjectProvider<ObservationRegistry> observations) {
        ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        return handler -> BatchListener.inOneTransaction(
                        transactions,
                        records -> webhooks.lockOrders(records.stream()
                                .map(record -> EventCodec.attribute(record.getHeaders(), "subject"))
                                .map(PickupBindings::orderId)
                                .flatMap(Optional::stream)
                                .toList()),
                        handler)
                .observedBy(registry);
    }

    /** How a binding of this service takes a poll's records. */
    interface Batches {
        BatchListener listener(Consumer<Message<?>> handler);
    }

    private static Optional<UUID> orderId(String subject) {
        try {
            return Optional.of(UUID.fromString(subject));
        } catch (RuntimeException e) {
            // not an order's event: the record fails on its own when it is read
            return Optional.empty();
        }
    }

    @Bean
    @ConditionalOnMissingBean
    NotificationChannel notificationChannel() {
        return new LoggedNotificationChannel();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
