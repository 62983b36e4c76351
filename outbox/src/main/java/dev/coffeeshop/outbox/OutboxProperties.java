package dev.coffeeshop.outbox;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the relay reaches Kafka and how hard it pushes.
 *
 * @param bootstrapServers Kafka brokers; when not set (the services do not), those of Spring Boot's
 *     {@code KafkaConnectionDetails}: the ones Boot makes from {@code spring.kafka.bootstrap-servers}, or a
 *     {@code @ServiceConnection}'s in tests, the same the binder connects to
 * @param source the CloudEvents source of everything this service publishes, e.g. {@code /order-intake}
 * @param topics topics this service publishes to; created at start-up when missing
 * @param partitions partitions of a topic the relay creates
 * @param replicationFactor replication of a topic the relay creates; {@code -1} (the default) takes the broker's
 *     {@code default.replication.factor}, so one setting on the cluster serves every topic
 * @param batchSize rows published per round; acknowledgements are awaited once per round
 * @param pollInterval how often an idle relay looks for rows nobody woke it for (other instances' rows, retries)
 * @param maxBackoff the longest pause after repeated failures (broker unreachable)
 * @param sendTimeout how long a round waits for the broker's acknowledgements before giving up and retrying
 * @param haltAfterAcknowledgement fault injection, never for production: the process halts (as if killed) after the
 *     broker acknowledged a batch and before its rows are deleted, so that the batch is published twice; used by the
 *     fault-injection suite (fault F8)
 */
@ConfigurationProperties("coffeeshop.outbox")
public record OutboxProperties(
        @Nullable String bootstrapServers,
        String source,
        @DefaultValue List<String> topics,
        @DefaultValue("6") int partitions,
        @DefaultValue("-1") short replicationFactor,
        @DefaultValue("500") int batchSize,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("false") boolean haltAfterAcknowledgement) {

    /** These settings with the brokers given, e.g. those of the connection details. */
    OutboxProperties withBootstrapServers(String brokers) {
        return new OutboxProperties(
                brokers,
                source,
                topics,
                partitions,
                replicationFactor,
                batchSize,
                pollInterval,
                maxBackoff,
                sendTimeout,
                haltAfterAcknowledgement);
    }
}
