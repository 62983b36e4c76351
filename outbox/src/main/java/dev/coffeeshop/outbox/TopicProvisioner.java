package dev.coffeeshop.outbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics a service publishes to, with the partitions and replication the system relies on. */
public class TopicProvisioner {

    private final OutboxProperties properties;

    public TopicProvisioner(OutboxProperties properties) {
        this.properties = properties;
    }

    public void ensure(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            List<NewTopic> wanted = names.stream()
                    .map(name -> new NewTopic(
                            name,
                            Optional.of(properties.partitions()),
                            properties.replicationFactor() > 0
                                    ? Optional.of(properties.replicationFactor())
                                    : Optional.empty()))
                    .toList();
            for (var result : admin.createTopics(wanted).values().values()) {
                try {
                    result.get(15, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topics " + names + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("broker did not answer while creating topics " + names, e);
        }
    }
}
