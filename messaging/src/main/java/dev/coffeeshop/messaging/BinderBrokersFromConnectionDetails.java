package dev.coffeeshop.messaging;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

/**
 * Gives the Kafka binder the brokers of Spring Boot's {@link KafkaConnectionDetails} unless
 * {@code spring.cloud.stream.kafka.binder.brokers} is set.
 *
 * <p>The binder (5.0) looks at the connection details only for its admin client: its consumers, producers, health
 * check and metrics take {@code bootstrap.servers} from Boot's {@code spring.kafka.*} properties, which always name
 * one ({@code localhost:9092} by default), unless the binder's own brokers are set. A {@code @ServiceConnection} (a
 * Kafka container in tests) would reach the admin client only.
 *
 * <p>The binder's beans live in a child context of their own, which this application's beans and post-processors do
 * not reach; it binds its settings from the application's environment. So this adds to that environment, last, a
 * source with one property, the binder's brokers, whose value it reads from the application's
 * {@link KafkaConnectionDetails} bean each time it is asked: once the bean definitions are complete, and only if no
 * other source sets the brokers.
 */
public final class BinderBrokersFromConnectionDetails
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addLast(new Source(context.getBeanFactory()));
    }

    static final class Source extends PropertySource<ConfigurableListableBeanFactory> {

        static final String NAME = "kafkaConnectionDetailsBinderBrokers";

        Source(ConfigurableListableBeanFactory beans) {
            super(NAME, beans);
        }

        @Override
        public @Nullable Object getProperty(String name) {
            if (!KafkaBrokers.BINDER_BROKERS.equals(name) || !getSource().isConfigurationFrozen()) {
                return null;
            }
            KafkaConnectionDetails details =
                    getSource().getBeanProvider(KafkaConnectionDetails.class).getIfAvailable();
            List<String> brokers = details == null ? List.of() : details.getBootstrapServers();
            return brokers.isEmpty() ? null : String.join(",", brokers);
        }
    }
}
