package dev.coffeeshop.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What each service may do on Kafka, and nothing more: the one description the local broker, the fault suite's
 * cluster, the tests' broker and the Kubernetes {@code KafkaUser}s' checks are made from. Each service is a principal
 * of its own, named after the service (its {@code spring.application.name}, which is also its consumer group).
 *
 * <ul>
 *   <li>the topics it publishes (its outbox's): Write, Describe;
 *   <li>the topics it consumes: Read, Describe, and DescribeConfigs for the inbox pruner, which reads their retention;
 *   <li>its dead-letter topics ({@link Topics#deadLetter}): Write, Describe (dead-lettering), Read (the staff endpoints
 *       count and read them, without a group), DescribeConfigs (the inbox pruner);
 *   <li>its replay topics ({@link Topics#replay}), one per topic it consumes, which its bindings read beside the
 *       original: Write (the staff endpoint's replay), Read, Describe, DescribeConfigs;
 *   <li>its consumer group: Read;
 *   <li>the cluster: DescribeConfigs (the inbox pruner reads the brokers' retention check interval).
 * </ul>
 *
 * <p>No service may write a topic it consumes, so none can forge another's facts; none may create a topic: the
 * operator's tools principal ({@link #TOOLS}) creates every topic before the services start ({@link #topics()}). The
 * producers are idempotent, not transactional: Write on a topic is all Kafka asks of them (no IdempotentWrite, no
 * transactional ids).
 */
public record KafkaAccess(String principal, List<String> publishes, List<String> consumes) {

    /** The Kafka operations granted, named as Kafka's own {@code AclOperation} constants. */
    public enum Operation {
        READ,
        WRITE,
        DESCRIBE,
        DESCRIBE_CONFIGS
    }

    /** What a grant is on, named as Kafka's own {@code ResourceType} constants. */
    public enum Resource {
        TOPIC,
        GROUP,
        CLUSTER
    }

    /** One allowed set of operations on one resource (a literal name; the cluster's is {@code kafka-cluster}). */
    public record Grant(Resource resource, String name, Set<Operation> operations) {}

    /** The name Kafka gives the cluster resource. */
    public static final String CLUSTER_NAME = "kafka-cluster";

    /**
     * The operator's principal: the launcher's tools (topic creation, the fault suite's probes, the benchmarks) and the
     * tests' own clients. A super user of the broker, never given to a service.
     */
    public static final String TOOLS = "coffeeshop-admin";

    /** The brokers' own principal, for the traffic between them; a super user too. */
    public static final String BROKER = "coffeeshop-broker";

    public static final KafkaAccess ORDER_INTAKE =
            new KafkaAccess("order-intake", List.of(Topics.ORDERS, Topics.CANCELLATIONS), List.of(Topics.PREPARATIONS));

    public static final KafkaAccess BARISTA_WORKER = new KafkaAccess(
            "barista-worker", List.of(Topics.PREPARATIONS), List.of(Topics.ORDERS, Topics.CANCELLATIONS));

    public static final KafkaAccess NOTIFICATION_SERVICE =
            new KafkaAccess("notification-service", List.of(), List.of(Topics.ORDERS, Topics.PREPARATIONS));

    public KafkaAccess {
        publishes = List.copyOf(publishes);
        consumes = List.copyOf(consumes);
    }

    public static List<KafkaAccess> services() {
        return List.of(ORDER_INTAKE, BARISTA_WORKER, NOTIFICATION_SERVICE);
    }

    /** The service of that principal (its {@code spring.application.name}). */
    public static KafkaAccess of(String principal) {
        return services().stream()
                .filter(s -> s.principal.equals(principal))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service principal " + principal));
    }

    /** Its consumer group: the service's name. */
    public String group() {
        return principal;
    }

    /** Its dead-letter topics: one per topic it consumes. */
    public List<String> deadLetterTopics() {
        return consumes.stream().map(t -> Topics.deadLetter(t, group())).toList();
    }

    /** Its replay topics: one per topic it consumes. */
    public List<String> replayTopics() {
        return consumes.stream().map(t -> Topics.replay(t, group())).toList();
    }

    /** Every grant, in the order above. */
    public List<Grant> grants() {
        var grants = new ArrayList<Grant>();
        publishes.forEach(t -> grants.add(new Grant(Resource.TOPIC, t, Set.of(Operation.WRITE, Operation.DESCRIBE))));
        consumes.forEach(t -> grants.add(
                new Grant(Resource.TOPIC, t, Set.of(Operation.READ, Operation.DESCRIBE, Operation.DESCRIBE_CONFIGS))));
        var own = new ArrayList<>(deadLetterTopics());
        own.addAll(replayTopics());
        own.forEach(t -> grants.add(new Grant(
                Resource.TOPIC,
                t,
                Set.of(Operation.WRITE, Operation.DESCRIBE, Operation.READ, Operation.DESCRIBE_CONFIGS))));
        grants.add(new Grant(Resource.GROUP, group(), Set.of(Operation.READ)));
        grants.add(new Grant(Resource.CLUSTER, CLUSTER_NAME, Set.of(Operation.DESCRIBE_CONFIGS)));
        return List.copyOf(grants);
    }

    /**
     * Every topic the services use: the events' topics, the dead-letter and the replay topics, each with {@link Topics#PARTITIONS}
     * partitions, the bindings' {@code min-partition-count} (the binder would add partitions up to it, which a service
     * may not).
     */
    public static List<String> topics() {
        var topics = new ArrayList<String>(List.of(Topics.ORDERS, Topics.CANCELLATIONS, Topics.PREPARATIONS));
        services().forEach(s -> topics.addAll(s.deadLetterTopics()));
        services().forEach(s -> topics.addAll(s.replayTopics()));
        return List.copyOf(topics);
    }
}
