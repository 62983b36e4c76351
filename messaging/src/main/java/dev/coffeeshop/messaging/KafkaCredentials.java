package dev.coffeeshop.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Who this service is on Kafka: with {@code KAFKA_USERNAME} and {@code KAFKA_PASSWORD} set, SASL/SCRAM-SHA-512 as that
 * user, by Spring Boot's {@code spring.kafka.security.protocol} and {@code spring.kafka.properties.sasl.*}, which reach
 * the binder's clients and, through {@link KafkaBrokers#clientConfig}, every other one (outbox relay, dead-letter
 * tools, inbox pruner). Without them, no authentication (a broker without SASL).
 *
 * <ul>
 *   <li>{@code KAFKA_SECURITY_PROTOCOL}: {@code SASL_PLAINTEXT} by default; {@code SASL_SSL} where the listener is TLS;
 *   <li>{@code KAFKA_TRUSTED_CERTIFICATES}: a PEM file of the CA certificates to trust on a TLS listener.
 * </ul>
 *
 * <p>Added last, so an explicit {@code spring.kafka.*} setting wins. The password goes into
 * {@code sasl.jaas.config}, which Kafka's clients log as {@code [hidden]} and Spring Boot's {@code /actuator/env}
 * masks like every value.
 */
public final class KafkaCredentials implements EnvironmentPostProcessor {

    static final String SOURCE = "kafkaCredentials";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> settings = settings(
                environment.getProperty("KAFKA_USERNAME"),
                environment.getProperty("KAFKA_PASSWORD"),
                environment.getProperty("KAFKA_SECURITY_PROTOCOL"),
                environment.getProperty("KAFKA_TRUSTED_CERTIFICATES"));
        if (!settings.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, settings));
        }
    }

    /** The Spring Boot properties for that user; none without a user name. */
    static Map<String, Object> settings(String username, String password, String protocol, String trusted) {
        var settings = new LinkedHashMap<String, Object>();
        if (!StringUtils.hasText(username)) {
            return settings;
        }
        if (!StringUtils.hasText(password)) {
            throw new IllegalStateException("KAFKA_USERNAME is set but KAFKA_PASSWORD is not");
        }
        settings.put("spring.kafka.security.protocol", StringUtils.hasText(protocol) ? protocol : "SASL_PLAINTEXT");
        settings.put("spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-512");
        settings.put("spring.kafka.properties.sasl.jaas.config", jaasConfig(username, password));
        if (StringUtils.hasText(trusted)) {
            settings.put("spring.kafka.properties.ssl.truststore.type", "PEM");
            settings.put("spring.kafka.properties.ssl.truststore.location", trusted);
        }
        return settings;
    }

    /** Kafka's JAAS line for a SCRAM user; quotes and backslashes in the values escaped. */
    public static String jaasConfig(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + quoted(username)
                + "\" password=\"" + quoted(password) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
