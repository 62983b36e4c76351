package dev.coffeeshop.messaging;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.util.StringUtils;

/**
 * Where this service's Kafka is, for every client of its own (dead letters, their replay, the inbox's retention
 * check): where its binder connects. That is the binder's {@code spring.cloud.stream.kafka.binder.brokers} when set,
 * else Spring Boot's {@link KafkaConnectionDetails}: the ones Boot makes from {@code spring.kafka.bootstrap-servers}
 * (the services set it from {@code KAFKA_BOOTSTRAP_SERVERS}), or those of a {@code @ServiceConnection} in tests.
 * {@link BinderBrokersFromConnectionDetails} gives the binder the same, so in an application it always finds the
 * binder's brokers set.
 *
 * <p>Who this service is on Kafka comes from Spring Boot's {@code spring.kafka.security.protocol} and
 * {@code spring.kafka.properties.*} (the SASL settings {@link KafkaCredentials} makes from {@code KAFKA_USERNAME} and
 * {@code KAFKA_PASSWORD}): the binder's own clients read them, and {@link #clientConfig} hands them to every other one.
 */
public final class KafkaBrokers {

    static final String BINDER_BROKERS = "spring.cloud.stream.kafka.binder.brokers";

    private KafkaBrokers() {}

    /**
     * What every client of this service needs to connect: Boot's {@code spring.kafka.security.protocol} and
     * {@code spring.kafka.properties.*} (authentication), the binder's client configuration
     * ({@code spring.cloud.stream.kafka.binder.configuration}) over them, as the binder merges them, and the brokers.
     */
    public static Map<String, Object> clientConfig(Binder binder, @Nullable KafkaConnectionDetails connection) {
        var config = new HashMap<String, Object>(
                binder.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
                        .orElse(Map.of()));
        binder.bind("spring.kafka.security.protocol", String.class)
                .ifBound(protocol -> config.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, protocol));
        config.putAll(binder.bind(
                        "spring.cloud.stream.kafka.binder.configuration", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(binder, connection));
        return config;
    }

    /** The brokers as {@code host:port,host:port}. */
    public static String bootstrapServers(Binder binder, @Nullable KafkaConnectionDetails connection) {
        String port = binder.bind("spring.cloud.stream.kafka.binder.default-broker-port", String.class)
                .orElse("9092");
        List<String> brokers = binder.bind(BINDER_BROKERS, String[].class)
                .map(Arrays::asList)
                .orElseGet(() -> connection != null
                        ? connection.getBootstrapServers()
                        : binder.bind("spring.kafka.bootstrap-servers", String[].class)
                                .map(Arrays::asList)
                                .orElse(List.of("localhost")));
        return brokers.stream()
                .map(String::strip)
                .filter(StringUtils::hasText)
                .map(broker -> broker.contains(":") ? broker : broker + ":" + port)
                .collect(Collectors.joining(","));
    }
}
