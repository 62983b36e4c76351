package dev.coffeeshop.intake.ordering.messaging;

import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.intake.ordering.Cashier;
import dev.coffeeshop.messaging.ListenerLiveness;
import dev.coffeeshop.messaging.batch.BatchListener;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The baristas' outcomes, bound to {@code coffeeshop.barista.preparations} as {@code recordPreparation-in-0}, a poll's
 * records at a time: the cashier learns a whole batch in one transaction (see {@link BatchListener}).
 */
@Configuration(proxyBeanMethods = false)
class PreparationOutcomes {

    @Bean
    Consumer<Message<?>> recordPreparation(
            Cashier cashier, TransactionTemplate transactions, ApplicationEventPublisher publisher) {
        var codec = new EventCodec();
        return BatchListener.inOneTransaction(
                transactions, new ListenerLiveness(publisher).guard("recordPreparation-in-0", message -> {
                            switch (codec.read(message.getHeaders(), EventCodec.payload(message.getPayload()))) {
                                case OrderReady ready -> cashier.markReady(ready);
                                case OrderRejected rejected -> cashier.compensate(rejected);
                                case PreparationCancelled cancelled -> cashier.cancelled(cancelled);
                                case CancellationRefused refused -> cashier.cancellationRefused(refused);
                                default -> {
                                    // other facts on this topic are not the cashier's business
                                }
                            }
                        }));
    }
}
