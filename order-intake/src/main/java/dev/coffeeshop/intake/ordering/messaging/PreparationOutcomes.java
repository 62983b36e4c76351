package dev.coffeeshop.intake.ordering.messaging;

import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.intake.ordering.Cashier;
import dev.coffeeshop.messaging.ListenerLiveness;
import dev.coffeeshop.messaging.batch.BatchListener;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The baristas' outcomes, bound to {@code coffeeshop.barista.preparations} as {@code recordPreparation-in-0}, a poll's
 * records at a time: the cashier learns a whole batch in one transaction, or, if that fails, record by record (see
 * {@link BatchListener}).
 */
@Configuration(proxyBeanMethods = false)
class PreparationOutcomes {

    private static final String BINDING = "recordPreparation-in-0";

    @Bean
    Consumer<Message<?>> recordPreparation(
            Cashier cashier, ApplicationEventPublisher publisher, ObjectProvider<ObservationRegistry> observations) {
        var codec = new EventCodec();
        var liveness = new ListenerLiveness(publisher);
        Function<Message<?>, Optional<OrderEvent>> outcome = message -> {
            OrderEvent event = codec.read(message.getHeaders(), EventCodec.payload(message.getPayload()));
            return switch (event) {
                case OrderReady ready -> Optional.of(ready);
                case OrderRejected rejected -> Optional.of(rejected);
                case PreparationCancelled cancelled -> Optional.of(cancelled);
                case CancellationRefused refused -> Optional.of(refused);
                // other facts on this topic are not the cashier's business
                default -> Optional.empty();
            };
        };
        Consumer<List<Message<?>>> batch = liveness.guard(
                BINDING,
                records -> cashier.learn(
                        records.stream().map(outcome).flatMap(Optional::stream).toList()));
        Consumer<Message<?>> one = liveness.guard(
                BINDING, record -> outcome.apply(record).ifPresent(fact -> cashier.learn(List.of(fact))));
        return BatchListener.whole(batch, one).observedBy(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
