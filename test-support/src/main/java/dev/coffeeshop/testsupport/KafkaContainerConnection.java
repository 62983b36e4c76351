package dev.coffeeshop.testsupport;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The JVM's one Kafka container as a service connection: Spring Boot makes the context's
 * {@link org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails} from it, in place of the one it makes
 * from {@code spring.kafka.*}. Registered by {@link RealInfrastructureInitializer} in containers mode.
 */
@Configuration(proxyBeanMethods = false)
class KafkaContainerConnection {

    /**
     * Prototype: Spring stops a singleton container when its context closes, and this one is every context's. A
     * prototype is never destroyed; the JVM's shutdown stops the container (see {@link TestInfrastructure}).
     */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    @ServiceConnection
    static KafkaContainer coffeeshopKafka() {
        return TestInfrastructure.kafkaContainer();
    }
}
