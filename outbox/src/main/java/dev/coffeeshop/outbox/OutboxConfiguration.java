package dev.coffeeshop.outbox;

import dev.coffeeshop.events.EventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/** Wires the outbox into a service: import it from the service's configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

    @Bean
    OutboxRelay outboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            OutboxProperties configured,
            MeterRegistry meters,
            ObjectProvider<KafkaConnectionDetails> connection,
            Environment environment) {
        OutboxProperties properties = effective(configured, connection.getIfAvailable());
        Map<String, Object> security = securitySettings(environment);
        var settings = new HashMap<String, Object>(security);
        settings.putAll(producerSettings(properties));
        var producer = new KafkaProducer<String, byte[]>(settings, new StringSerializer(), new ByteArraySerializer());
        return new OutboxRelay(
                jdbc, transactions, producer, properties, new TopicProvisioner(properties, security), meters);
    }

    /**
     * Who the relay is on Kafka: Spring Boot's {@code spring.kafka.security.protocol} and {@code spring.kafka.properties.*}
     * (SASL, set from {@code KAFKA_USERNAME} and {@code KAFKA_PASSWORD}), as every other client of the service has them.
     */
    static Map<String, Object> securitySettings(Environment environment) {
        Binder binder = Binder.get(environment);
        var settings = new HashMap<String, Object>(
                binder.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
                        .orElse(Map.of()));
        binder.bind("spring.kafka.security.protocol", String.class)
                .ifBound(protocol -> settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol));
        return settings;
    }

    /**
     * The settings with the brokers to use: {@code coffeeshop.outbox.bootstrap-servers} when set, else those of Spring
     * Boot's Kafka connection details, where the binder connects too (a {@code @ServiceConnection} in tests).
     */
    static OutboxProperties effective(OutboxProperties properties, @Nullable KafkaConnectionDetails connection) {
        if (StringUtils.hasText(properties.bootstrapServers())) {
            return properties;
        }
        List<String> brokers =
                connection == null ? List.of() : connection.getProducer().getBootstrapServers();
        if (brokers.isEmpty()) {
            throw new IllegalStateException(
                    "The outbox does not know where Kafka is: set spring.kafka.bootstrap-servers "
                            + "(the services set it from KAFKA_BOOTSTRAP_SERVERS) or coffeeshop.outbox.bootstrap-servers");
        }
        return properties.withBootstrapServers(String.join(",", brokers));
    }

    /** How the relay's producer talks to Kafka: every acknowledgement from all replicas, no reordering on retry. */
    static Map<String, Object> producerSettings(OutboxProperties properties) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                properties.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG,
                "outbox-relay" + properties.source().replace('/', '-'),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                // the relay hands over a whole batch at once and waits for it: lingering would only delay every batch
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.BATCH_SIZE_CONFIG,
                128 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                // never block the relay thread for long: rows wait safely in the table
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                (int) properties.sendTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) properties.sendTimeout().toMillis() + 5_000);
    }

    /**
     * With tracing on (a Micrometer {@link Tracer} and {@link Propagator}), each event is stored with the W3C trace
     * context of the span current when it is added.
     */
    @Bean
    Outbox outbox(
            JdbcClient jdbc,
            OutboxRelay relay,
            ObjectProvider<Tracer> tracers,
            ObjectProvider<Propagator> propagators) {
        Tracer tracer = tracers.getIfAvailable();
        Propagator propagator = propagators.getIfAvailable();
        if (tracer == null || propagator == null) {
            return new Outbox(jdbc, new EventCodec(), relay);
        }
        return new Outbox(jdbc, new EventCodec(), relay, () -> traceparent(tracer, propagator));
    }

    /** The current span's {@code traceparent} as the propagator writes it; null outside of a span. */
    static @Nullable String traceparent(Tracer tracer, Propagator propagator) {
        TraceContext current = tracer.currentTraceContext().context();
        if (current == null) {
            return null;
        }
        var headers = new HashMap<String, String>();
        propagator.inject(current, headers, Map::put);
        return headers.get(OutboxRelay.TRACEPARENT);
    }

    /**
     * The relay's trouble shows in the health details but leaves the service UP: it still accepts work, which waits
     * safely in the outbox until the broker is back.
     */
    @Bean
    HealthIndicator outboxHealthIndicator(OutboxRelay relay) {
        return () -> {
            OutboxRelay.Status status = relay.status();
            var builder = Health.up().withDetail("backlog", relay.backlog());
            if (status.healthy()) {
                return builder.withDetail("relay", "publishing").build();
            }
            return builder.withDetail("relay", "retrying")
                    .withDetail("lastError", status.lastError())
                    .withDetail("failingSince", status.failingSince())
                    .build();
        };
    }
}
