package dev.coffeeshop.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics a service publishes to, with the partitions and replication the system relies on, when they are
 * missing. Where the operator creates topics up front and the service may not (Kafka ACLs without Create), it finds
 * them there and asks for nothing.
 */
public class TopicProvisioner {

    private final OutboxProperties properties;
    private final Map<String, Object> security;

    public TopicProvisioner(OutboxProperties properties) {
        this(properties, Map.of());
    }

    /** {@code security}: how to authenticate, as the relay's producer does. */
    public TopicProvisioner(OutboxProperties properties, Map<String, Object> security) {
        this.properties = properties;
        this.security = Map.copyOf(security);
    }

    public void ensure(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        var config = new HashMap<String, Object>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            var missing = missing(admin, names);
            if (missing.isEmpty()) {
                return;
            }
            List<NewTopic> wanted = missing.stream()
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

    private static List<String> missing(Admin admin, List<String> names)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        var missing = new ArrayList<String>();
        for (var described : admin.describeTopics(names).topicNameValues().entrySet()) {
            try {
                described.getValue().get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException(
                            "cannot describe topic " + described.getKey() + ": " + e.getCause(), e);
                }
                missing.add(described.getKey());
            }
        }
        return missing;
    }
}
