package dev.coffeeshop.messaging.staff;

import dev.coffeeshop.messaging.KafkaBrokers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBindingProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * This service's dead-letter topics, derived from its bindings, and what an operator does with them: count, read and
 * replay their records. Plain Kafka clients, connected to the binder's brokers with the binder's client
 * configuration: an admin client for offsets, a short-lived consumer without a group for reads ({@code assign} and
 * {@code seek}, nothing committed), and an idempotent producer with {@code acks=all} for replays.
 */
public class DeadLetterTopics implements DisposableBean {

    /** The binder's name for a dead-letter topic when a binding sets no {@code dlq-name}. */
    static final String BINDER_DEFAULT_DLQ = "error.%s.%s";

    /** What follows {@code <original topic>.<group>} in the name of a replay topic. */
    static final String REPLAY_SUFFIX = ".replay";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern OUTPUT_BINDING = Pattern.compile(".*-out-\\d+");

    private final List<Source> sources;
    private final Map<String, Object> clientConfig;
    private volatile Admin admin;
    private volatile KafkaProducer<byte[], byte[]> producer;

    /** {@code connection}: Spring Boot's Kafka connection details, if any (see {@link KafkaBrokers}). */
    public DeadLetterTopics(
            BindingServiceProperties bindings, Environment environment, @Nullable KafkaConnectionDetails connection) {
        Binder binder = Binder.get(environment);
        this.sources = sources(bindings, binder);
        this.clientConfig = KafkaBrokers.clientConfig(binder, connection);
    }

    DeadLetterTopics(List<Source> sources, Map<String, Object> clientConfig) {
        this.sources = List.copyOf(sources);
        this.clientConfig = Map.copyOf(clientConfig);
    }

    /**
     * Where a consumer binding sends the records it gives up on.
     *
     * @param binding e.g. {@code notifyAboutOrder-in-0}
     * @param originalTopic the binding's destination
     * @param group the consumer group
     * @param topic the dead-letter topic
     */
    public record Source(String binding, String originalTopic, String group, String topic) {}

    /** A dead-letter topic and how many records it holds: the sum of end minus beginning offsets per partition. */
    public record Count(
            String topic, List<Source> sources, boolean exists, long records, List<PartitionCount> partitions) {}

    public record PartitionCount(int partition, long beginningOffset, long endOffset) {}

    /** Where a replayed record went. */
    public record Replayed(String from, int fromPartition, long fromOffset, String topic, int partition, long offset) {}

    /** Thrown for a topic that is not one of this service's dead-letter topics, or a record that is not there. */
    public static class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    /** Thrown for a dead-lettered record that cannot be replayed, e.g. one without an original topic. */
    public static class NotReplayable extends RuntimeException {
        NotReplayable(String message) {
            super(message);
        }
    }

    /** This service's dead-letter sources, one per consumer binding with {@code enable-dlq}. */
    public List<Source> sources() {
        return sources;
    }

    /** The dead-letter topics, each with its sources (several bindings may share one). */
    public Map<String, List<Source>> topics() {
        return sources.stream().collect(Collectors.groupingBy(Source::topic, LinkedHashMap::new, Collectors.toList()));
    }

    /** Every dead-letter topic of this service with the number of records in it. */
    public List<Count> counts() {
        Map<String, List<Source>> topics = topics();
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, Future<TopicDescription>> described =
                admin().describeTopics(topics.keySet()).topicNameValues().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        var partitions = new ArrayList<TopicPartition>();
        var missing = new ArrayList<String>();
        for (String topic : topics.keySet()) {
            try {
                get(described.get(topic))
                        .partitions()
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            } catch (UnknownTopicOrPartitionException e) {
                missing.add(topic);
            }
        }
        Map<TopicPartition, Long> beginning = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        return topics.entrySet().stream()
                .map(topic -> {
                    List<PartitionCount> counts = partitions.stream()
                            .filter(p -> p.topic().equals(topic.getKey()))
                            .sorted(Comparator.comparingInt(TopicPartition::partition))
                            .map(p -> new PartitionCount(p.partition(), beginning.get(p), end.get(p)))
                            .toList();
                    long records = counts.stream()
                            .mapToLong(c -> c.endOffset() - c.beginningOffset())
                            .sum();
                    return new Count(
                            topic.getKey(), topic.getValue(), !missing.contains(topic.getKey()), records, counts);
                })
                .toList();
    }

    /**
     * Up to {@code limit} records of {@code topic}, partition by partition in offset order, from the beginning or from
     * offset {@code from} of {@code partition}.
     */
    public List<DeadLetter> read(String topic, Integer partition, Long from, int limit) {
        requireDeadLetterTopic(topic);
        var found = new ArrayList<DeadLetter>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partition != null) {
                partitions = partitions.stream()
                        .filter(p -> p.partition() == partition)
                        .toList();
                if (partitions.isEmpty()) {
                    throw new NotFound("%s has no partition %d".formatted(topic, partition));
                }
            }
            for (TopicPartition p : partitions) {
                if (found.size() >= limit) {
                    break;
                }
                consumer.assign(List.of(p));
                long beginning = consumer.beginningOffsets(List.of(p), TIMEOUT).get(p);
                long end = consumer.endOffsets(List.of(p), TIMEOUT).get(p);
                long start = from == null ? beginning : Math.max(beginning, from);
                if (start >= end) {
                    continue;
                }
                consumer.seek(p, start);
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (found.size() < limit && consumer.position(p, TIMEOUT) < end) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not read %s to offset %d in time".formatted(p, end));
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.offset() < end && found.size() < limit) {
                            found.add(DeadLetter.of(record));
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Publishes the record at {@code offset} of {@code partition} of {@code topic} again, to the replay topic of the
     * binding it came from ({@value #REPLAY_SUFFIX} after the original topic and the group), which that binding reads
     * beside the original: its key, value and headers, without the headers dead-lettering added and with {@value
     * DeadLetterHeaders#REPLAYED_FROM}. Only this group reads it again, and the service writes a topic of its own, not
     * the original's, which belongs to the service that publishes it. Returns once the broker acknowledged it to every
     * in-sync replica.
     */
    public Replayed replay(String topic, int partition, long offset) {
        List<Source> sources = requireDeadLetterTopic(topic);
        ConsumerRecord<byte[], byte[]> record = record(topic, partition, offset);
        String original = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.ORIGINAL_TOPIC);
        if (original == null) {
            throw new NotReplayable("%s/%d/%d has no %s header: it was not dead-lettered by the binder"
                    .formatted(topic, partition, offset, DeadLetterHeaders.ORIGINAL_TOPIC));
        }
        // replay only ever feeds this service's own inputs, whatever a forged header says
        Source source = sources.stream()
                .filter(s -> s.originalTopic().equals(original))
                .findFirst()
                .orElseThrow(
                        () -> new NotReplayable("%s/%d/%d names %s as its original topic, which is not an input of %s"
                                .formatted(topic, partition, offset, original, topic)));
        String target = replayTopic(source);
        if (sources.stream()
                .noneMatch(s -> s.binding().equals(source.binding())
                        && s.originalTopic().equals(target))) {
            throw new NotReplayable("binding %s does not read %s, where a replay of %s/%d/%d would go: add it to the"
                            .formatted(source.binding(), target, topic, partition, offset)
                    + " binding's destination");
        }
        var headers = new ArrayList<Header>();
        for (Header header : record.headers()) {
            if (!DeadLetterHeaders.addedByDeadLettering(header.key())) {
                headers.add(header);
            }
        }
        headers.add(new RecordHeader(
                DeadLetterHeaders.REPLAYED_FROM,
                "%s/%d/%d".formatted(topic, partition, offset).getBytes(StandardCharsets.UTF_8)));
        // the producer's partitioner places it: the order of an order's events is the original topic's, and a replay
        // comes after them anyway
        RecordMetadata sent =
                get(producer().send(new ProducerRecord<>(target, null, record.key(), record.value(), headers)));
        return new Replayed(topic, partition, offset, sent.topic(), sent.partition(), sent.offset());
    }

    /**
     * The topic a dead letter from {@code source} is replayed to: the group's own replay topic of the original, or
     * that replay topic itself for a record that failed again after a replay.
     */
    static String replayTopic(Source source) {
        String suffix = "." + source.group() + REPLAY_SUFFIX;
        return source.originalTopic().endsWith(suffix) ? source.originalTopic() : source.originalTopic() + suffix;
    }

    private ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition p = new TopicPartition(topic, partition);
            if (partitions(consumer, topic).stream().noneMatch(p::equals)) {
                throw new NotFound("%s has no partition %d".formatted(topic, partition));
            }
            consumer.assign(List.of(p));
            long beginning = consumer.beginningOffsets(List.of(p), TIMEOUT).get(p);
            long end = consumer.endOffsets(List.of(p), TIMEOUT).get(p);
            if (offset < beginning || offset >= end) {
                throw new NotFound("%s has no record at offset %d (it holds offsets %d to %d)"
                        .formatted(p, offset, beginning, end - 1));
            }
            consumer.seek(p, offset);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(p, TIMEOUT) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                    if (record.offset() > offset) {
                        throw new NotFound("%s has no record at offset %d".formatted(p, offset));
                    }
                }
            }
            throw new NotFound("%s has no record at offset %d".formatted(p, offset));
        }
    }

    private List<Source> requireDeadLetterTopic(String topic) {
        List<Source> sources = topics().get(topic);
        if (sources == null) {
            throw new NotFound("%s is not a dead-letter topic of this service".formatted(topic));
        }
        return sources;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        try {
            var found = consumer.partitionsFor(topic, TIMEOUT);
            return found == null
                    ? List.of()
                    : found.stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .sorted(Comparator.comparingInt(TopicPartition::partition))
                            .toList();
        } catch (UnknownTopicOrPartitionException e) {
            return List.of();
        }
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResultInfo> offsets =
                get(admin().listOffsets(request).all());
        return offsets.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        var config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "coffeeshop-staff-dead-letters-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    var config = new HashMap<>(clientConfig);
                    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "coffeeshop-staff-dead-letters-admin");
                    admin = Admin.create(config);
                }
                current = admin;
            }
        }
        return current;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        KafkaProducer<byte[], byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    var config = new HashMap<>(clientConfig);
                    config.put(ProducerConfig.CLIENT_ID_CONFIG, "coffeeshop-staff-dead-letters-replay");
                    config.put(ProducerConfig.ACKS_CONFIG, "all");
                    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
                    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
                    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
                    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
                    producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get(35, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("Kafka did not answer in time", e);
        }
    }

    @Override
    public void destroy() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /**
     * One source per consumer binding that sends records to a dead-letter topic: a binding with a group and
     * {@code enable-dlq} (its own or {@code spring.cloud.stream.kafka.default.consumer}). The topic is its
     * {@code dlq-name}, else the binder's default {@code error.<destination>.<group>}.
     */
    public static List<Source> sources(BindingServiceProperties bindings, Binder binder) {
        Map<String, KafkaBindingProperties> kafka = binder.bind(
                        "spring.cloud.stream.kafka.bindings",
                        Bindable.mapOf(String.class, KafkaBindingProperties.class))
                .orElse(Map.of());
        KafkaConsumerProperties defaults = binder.bind(
                        "spring.cloud.stream.kafka.default.consumer", KafkaConsumerProperties.class)
                .orElseGet(KafkaConsumerProperties::new);
        var sources = new ArrayList<Source>();
        for (String binding : bindings.getBindings().keySet().stream().sorted().toList()) {
            String group = bindings.getGroup(binding);
            if (!StringUtils.hasText(group) || OUTPUT_BINDING.matcher(binding).matches()) {
                continue;
            }
            KafkaConsumerProperties own = Optional.ofNullable(kafka.get(binding))
                    .map(KafkaBindingProperties::getConsumer)
                    .orElse(null);
            boolean enabled = (own != null && own.isEnableDlq()) || defaults.isEnableDlq();
            if (!enabled) {
                continue;
            }
            String dlqName = own != null && StringUtils.hasText(own.getDlqName()) ? own.getDlqName() : null;
            for (String destination :
                    StringUtils.commaDelimitedListToStringArray(bindings.getBindingDestination(binding))) {
                String topic = destination.strip();
                sources.add(new Source(
                        binding, topic, group, dlqName != null ? dlqName : BINDER_DEFAULT_DLQ.formatted(topic, group)));
            }
        }
        return List.copyOf(sources);
    }
}
