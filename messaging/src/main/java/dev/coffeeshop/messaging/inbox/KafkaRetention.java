package dev.coffeeshop.messaging.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads the {@link RetentionHorizon} from Kafka: the consumed topics' effective configurations (their own settings
 * and the brokers' defaults) and every broker's retention check interval, with one short-lived admin client per
 * call. Anything that goes wrong on the way makes the horizon {@link RetentionHorizon.Unknown}.
 */
final class KafkaRetention {

    private final Map<String, Object> clientConfig;
    private final Duration timeout;

    /**
     * @param clientConfig how to reach the brokers, e.g. the binder's
     * @param timeout how long a call may take before the horizon is taken as unknown
     */
    KafkaRetention(Map<String, Object> clientConfig, Duration timeout) {
        var config = new HashMap<>(clientConfig);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "coffeeshop-inbox-pruner");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.clientConfig = Map.copyOf(config);
        this.timeout = timeout;
    }

    RetentionHorizon horizon(Set<String> topics, Duration margin) {
        if (topics.isEmpty()) {
            return RetentionHorizon.of(topics, Map.of(), List.of(), margin);
        }
        Admin admin = null;
        try {
            admin = Admin.create(clientConfig);
            var resources = new ArrayList<ConfigResource>();
            topics.forEach(topic -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic)));
            for (Node broker : get(admin.describeCluster().nodes())) {
                resources.add(new ConfigResource(ConfigResource.Type.BROKER, broker.idString()));
            }
            Map<ConfigResource, KafkaFuture<Config>> described =
                    admin.describeConfigs(resources).values();
            var topicConfigs = new HashMap<String, Map<String, String>>();
            var brokerConfigs = new ArrayList<Map<String, String>>();
            for (var resource : described.entrySet()) {
                Map<String, String> config;
                try {
                    config = settings(get(resource.getValue()));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        continue;
                    }
                    throw e;
                }
                if (resource.getKey().type() == ConfigResource.Type.TOPIC) {
                    topicConfigs.put(resource.getKey().name(), config);
                } else {
                    brokerConfigs.add(config);
                }
            }
            return RetentionHorizon.of(topics, topicConfigs, brokerConfigs, margin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RetentionHorizon.Unknown("interrupted while asking Kafka");
        } catch (ExecutionException e) {
            return new RetentionHorizon.Unknown("Kafka did not answer: " + e.getCause());
        } catch (TimeoutException e) {
            return new RetentionHorizon.Unknown("Kafka did not answer within " + timeout);
        } catch (RuntimeException e) {
            return new RetentionHorizon.Unknown("Kafka could not be asked: " + e);
        } finally {
            if (admin != null) {
                admin.close(timeout);
            }
        }
    }

    private <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Map<String, String> settings(Config config) {
        var settings = new HashMap<String, String>();
        for (ConfigEntry entry : config.entries()) {
            if (entry.value() != null) {
                settings.put(entry.name(), entry.value());
            }
        }
        return settings;
    }
}
