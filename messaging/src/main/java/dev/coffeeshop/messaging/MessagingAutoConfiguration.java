package dev.coffeeshop.messaging;

import dev.coffeeshop.messaging.batch.BatchErrorHandling;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service that depends on this module counts its dead-lettered records (see {@link DeadLetterCounter}), and its
 * batch-mode bindings retry and dead-letter a failed record as the binder does for one (see {@link BatchErrorHandling}),
 * and its binder connects to the Kafka of Spring Boot's connection details (see
 * {@link BinderBrokersFromConnectionDetails}). The meters its alerts watch exist from start-up ({@link ListenerMeters}).
 */
@AutoConfiguration
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(DlqPartitionFunction.class)
    DlqPartitionFunction deadLetterCounter(
            MeterRegistry meters, BindingServiceProperties bindings, Environment environment) {
        return new DeadLetterCounter(meters, bindings, environment);
    }

    @Bean
    SmartInitializingSingleton listenerMeters(
            MeterRegistry meters,
            BindingServiceProperties bindings,
            ObjectProvider<ApplicationAvailability> availability,
            ObjectProvider<BindingService> bindingService) {
        return () -> ListenerMeters.register(meters, bindings, availability::getIfAvailable, name -> {
            BindingService service = bindingService.getIfAvailable();
            var consumers = service == null ? null : service.getConsumerBindings(name);
            return consumers == null ? List.of() : consumers;
        });
    }

    @Bean
    @ConditionalOnMissingBean(ListenerContainerCustomizer.class)
    BatchErrorHandling batchErrorHandling(
            Environment environment,
            DlqPartitionFunction deadLetters,
            ObjectProvider<KafkaConnectionDetails> connection) {
        return new BatchErrorHandling(
                KafkaBrokers.clientConfig(Binder.get(environment), connection.getIfAvailable()), deadLetters);
    }
}
