package dev.coffeeshop.messaging.staff;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /staff/dead-letters} in every servlet web application with the Kafka binder: list, read and replay this
 * service's dead-lettered records, for staff (see {@link dev.coffeeshop.messaging.access.AccessRules}).
 */
@AutoConfiguration(after = StaffAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({KafkaMessageChannelBinder.class, RestController.class})
public class DeadLettersAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeadLetterTopics deadLetterTopics(
            BindingServiceProperties bindings,
            Environment environment,
            ObjectProvider<KafkaConnectionDetails> connection) {
        return new DeadLetterTopics(bindings, environment, connection.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    DeadLettersController deadLettersController(DeadLetterTopics topics) {
        return new DeadLettersController(topics);
    }
}
