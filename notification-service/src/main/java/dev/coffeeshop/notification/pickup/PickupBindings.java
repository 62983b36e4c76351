package dev.coffeeshop.notification.pickup;

import dev.coffeeshop.messaging.ListenerLiveness;
import java.time.Clock;
import java.util.function.Consumer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The Kafka bindings (one per topic) and the default notification channel. */
@Configuration(proxyBeanMethods = false)
class PickupBindings {

    /** Binding {@code notifyAboutOrder-in-0}: the cashier's facts (placed, refunded). */
    @Bean
    Consumer<Message<?>> notifyAboutOrder(
            IncomingEvents events, PickupCounter counter, ApplicationEventPublisher publisher) {
        return new ListenerLiveness(publisher)
                .guard("notifyAboutOrder-in-0", message -> events.read(message).ifPresent(counter::handle));
    }

    /** Binding {@code notifyAboutPreparation-in-0}: the baristas' facts (ready; rejections are skipped). */
    @Bean
    Consumer<Message<?>> notifyAboutPreparation(
            IncomingEvents events, PickupCounter counter, ApplicationEventPublisher publisher) {
        return new ListenerLiveness(publisher).guard("notifyAboutPreparation-in-0", message -> events.read(message)
                .ifPresent(counter::handle));
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
