package dev.coffeeshop.messaging.inbox;

import dev.coffeeshop.messaging.KafkaBrokers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link Inbox} in every service with a {@link JdbcClient}, and its {@link InboxPruner} unless {@code
 * coffeeshop.inbox.prune.enabled=false}. The table comes from the Flyway location {@code classpath:db/inbox}, which
 * the service lists in {@code spring.flyway.locations}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration")
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBean(JdbcClient.class)
@EnableConfigurationProperties(InboxProperties.class)
public class InboxAutoConfiguration {

    /** How long asking Kafka for the retention horizon may take before a round is skipped. */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    @ConditionalOnMissingBean
    Inbox inbox(JdbcClient jdbc, ObjectProvider<MeterRegistry> meters) {
        return new Inbox(jdbc, meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /** Pruning needs the bindings, to know which topics' retention to honour, and the binder's brokers, to ask. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(BindingServiceProperties.class)
    @ConditionalOnBooleanProperty(name = "coffeeshop.inbox.prune.enabled", matchIfMissing = true)
    static class Pruning {

        @Bean
        @ConditionalOnMissingBean
        InboxPruner inboxPruner(
                JdbcClient jdbc,
                BindingServiceProperties bindings,
                Environment environment,
                InboxProperties properties,
                ObjectProvider<MeterRegistry> meters,
                ObjectProvider<KafkaConnectionDetails> connection) {
            Binder binder = Binder.get(environment);
            var kafka =
                    new KafkaRetention(KafkaBrokers.clientConfig(binder, connection.getIfAvailable()), KAFKA_TIMEOUT);
            InboxProperties.Prune settings = properties.prune();
            return new InboxPruner(
                    jdbc,
                    () -> {
                        // read each round: bindings are fixed, but this keeps start-up free of any of this work
                        ConsumedTopics consumed = ConsumedTopics.of(bindings, binder);
                        if (!consumed.patterns().isEmpty()) {
                            return new RetentionHorizon.Unknown(
                                    "bindings %s read topics by pattern".formatted(consumed.patterns()));
                        }
                        return kafka.horizon(consumed.topics(), settings.margin());
                    },
                    settings,
                    meters.getIfAvailable(() -> Metrics.globalRegistry));
        }
    }
}
