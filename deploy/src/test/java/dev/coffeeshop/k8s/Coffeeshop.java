package dev.coffeeshop.k8s;

import dev.coffeeshop.events.Topics;
import dev.coffeeshop.local.stack.Service;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The system as its code and configuration describe it, which the manifests must agree with: the services'
 * application.yml, README's configuration table and the topic names of {@link Topics}.
 */
record Coffeeshop(Map<String, ServiceConfiguration> services, ConfigurationTable table, Map<String, String> topics) {

    /** The Strimzi Kafka cluster the services use, and its bootstrap Service. */
    static final String KAFKA_CLUSTER = "coffeeshop";

    static final String BOOTSTRAP_SERVICE = KAFKA_CLUSTER + "-kafka-bootstrap";

    /** The labels Strimzi gives the broker pods (its NetworkPolicy peers and ours select them by these). */
    static final Map<String, String> BROKER_POD_LABELS = Map.of(
            "strimzi.io/cluster",
            KAFKA_CLUSTER,
            "strimzi.io/kind",
            "Kafka",
            "strimzi.io/name",
            KAFKA_CLUSTER + "-kafka");

    static final Map<String, String> ENTITY_OPERATOR_POD_LABELS = Map.of(
            "strimzi.io/cluster",
            KAFKA_CLUSTER,
            "strimzi.io/kind",
            "Kafka",
            "strimzi.io/name",
            KAFKA_CLUSTER + "-entity-operator");

    static final int POSTGRES_PORT = 5432;

    /** Services that call out to the internet: the notification service's webhooks, over https. */
    static final Map<String, Set<Integer>> INTERNET_EGRESS = Map.of("notification-service", Set.of(443));

    static Coffeeshop load() {
        var services = new LinkedHashMap<String, ServiceConfiguration>();
        for (Service service : Service.values()) {
            services.put(service.moduleName(), ServiceConfiguration.read(service));
        }
        return new Coffeeshop(services, ConfigurationTable.read(), topicConstants());
    }

    /** Topic name by the {@link Topics} constant that holds it, e.g. {@code ORDERS}. */
    private static Map<String, String> topicConstants() {
        var topics = new TreeMap<String, String>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    topics.put(field.getName(), (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return topics;
    }

    Optional<ServiceConfiguration> service(String moduleName) {
        return Optional.ofNullable(services.get(moduleName));
    }

    /** The environment variables {@code service} reads: its application.yml's placeholders and README's table. */
    Set<String> variablesReadBy(ServiceConfiguration service) {
        var names = new TreeSet<>(service.placeholders());
        names.addAll(table.readBy(service.service(), !service.outboxTopics().isEmpty()));
        return names;
    }

    /** Every topic the system uses with the partitions the code expects of it, and where that expectation comes from. */
    Map<String, Expected> expectedTopics() {
        var expected = new TreeMap<String, Expected>();
        topics.forEach((constant, topic) -> expected.put(topic, new Expected(Topics.PARTITIONS, "Topics." + constant)));
        for (ServiceConfiguration service : services.values()) {
            for (String topic : service.deadLetterTopics()) {
                expected.merge(
                        topic,
                        new Expected(
                                service.expectedPartitions(topic),
                                service.service().moduleName() + "'s dead-letter topic"),
                        (a, b) -> a.partitions() >= b.partitions() ? a : b);
            }
            for (String topic : service.replayTopics()) {
                expected.merge(
                        topic,
                        new Expected(
                                service.expectedPartitions(topic),
                                service.service().moduleName() + "'s replay topic"),
                        (a, b) -> a.partitions() >= b.partitions() ? a : b);
            }
            for (String topic : service.consumedTopics()) {
                int partitions = service.expectedPartitions(topic);
                expected.merge(
                        topic,
                        new Expected(partitions, service.service().moduleName() + "'s binder"),
                        (a, b) -> a.partitions() >= b.partitions() ? a : b);
            }
        }
        return expected;
    }

    record Expected(int partitions, String source) {}
}
