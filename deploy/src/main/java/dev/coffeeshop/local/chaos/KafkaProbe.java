package dev.coffeeshop.local.chaos;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The suite's view of Kafka: consumer lag of the services' groups, offsets, what was published where, dead-letter
 * topics, and poison to publish.
 */
final class KafkaProbe implements AutoCloseable {

    static final List<String> GROUPS = List.of("order-intake", "barista-worker", "notification-service");

    private final String bootstrapServers;
    private final Map<String, Object> security;
    private final Admin admin;

    /** {@code security}: how the suite authenticates, as the operator's tools principal. */
    KafkaProbe(String bootstrapServers, Map<String, Object> security) {
        this.bootstrapServers = bootstrapServers;
        this.security = Map.copyOf(security);
        this.admin = Admin.create(authenticated(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000)));
    }

    private Map<String, Object> authenticated(Map<String, Object> config) {
        var merged = new HashMap<String, Object>(security);
        merged.putAll(config);
        return merged;
    }

    /** Records not yet consumed by the services' groups, over all their partitions; -1 when Kafka cannot say. */
    long totalLag() {
        try {
            long lag = 0;
            for (String group : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                var latest = new HashMap<TopicPartition, OffsetSpec>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                for (var entry : committed.entrySet()) {
                    long end = ends.get(entry.getKey()).offset();
                    long at = entry.getValue() == null ? 0 : entry.getValue().offset();
                    lag += Math.max(0, end - at);
                }
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** The dead-letter topics that exist, by name. */
    List<String> deadLetterTopics() throws Exception {
        Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        return names.stream().filter(n -> n.endsWith(".dlq")).sorted().toList();
    }

    /** Every record on every dead-letter topic, oldest first per partition. */
    List<DeadLetter> deadLetters() throws Exception {
        var letters = new ArrayList<DeadLetter>();
        List<String> topics = deadLetterTopics();
        if (topics.isEmpty()) {
            return letters;
        }
        try (var consumer = new KafkaConsumer<byte[], byte[]>(authenticated(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false)))) {
            var partitions = new ArrayList<TopicPartition>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    letters.add(new DeadLetter(
                            record.topic(),
                            text(record, "x-original-topic"),
                            number(record, "x-original-partition"),
                            number(record, "x-original-offset"),
                            text(record, "x-exception-message")));
                }
            }
        }
        return letters;
    }

    /** A record on a dead-letter topic and what its headers say about where it came from and why. */
    record DeadLetter(String topic, String originalTopic, long originalPartition, long originalOffset, String reason) {}

    /** Where each partition of {@code topics} ends now: the offset the next record will get. */
    Map<TopicPartition, Long> endOffsets(String... topics) {
        return offsets(topics, OffsetSpec.latest());
    }

    /**
     * Where {@code group} will resume each partition of {@code topic}: its committed offset, or the partition's
     * beginning where it has committed none (a group's first start reads from the earliest record).
     */
    Map<TopicPartition, Long> committedOffsets(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            var resume = new HashMap<TopicPartition, Long>();
            offsets(new String[] {topic}, OffsetSpec.earliest()).forEach((partition, earliest) -> {
                OffsetAndMetadata at = committed.get(partition);
                resume.put(partition, at == null ? earliest : at.offset());
            });
            return resume;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets " + group + " committed on " + topic, e);
        }
    }

    private Map<TopicPartition, Long> offsets(String[] topics, OffsetSpec spec) {
        try {
            var wanted = new HashMap<TopicPartition, OffsetSpec>();
            admin.describeTopics(List.of(topics))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((topic, d) ->
                            d.partitions().forEach(p -> wanted.put(new TopicPartition(topic, p.partition()), spec)));
            var offsets = new HashMap<TopicPartition, Long>();
            admin.listOffsets(wanted)
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + String.join(", ", topics), e);
        }
    }

    /**
     * Every record from {@code from} (inclusive) to {@code to} (exclusive) in each partition, oldest first per
     * partition: the headers that say which event it carries, not its payload.
     */
    List<Published> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        var published = new ArrayList<Published>();
        var partitions = new ArrayList<TopicPartition>();
        to.forEach((partition, end) -> {
            if (end > from.getOrDefault(partition, 0L)) {
                partitions.add(partition);
            }
        });
        if (partitions.isEmpty()) {
            return published;
        }
        try (var consumer = new KafkaConsumer<byte[], byte[]>(authenticated(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false)))) {
            consumer.assign(partitions);
            partitions.forEach(partition -> consumer.seek(partition, from.getOrDefault(partition, 0L)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + partitions + " up to " + to + " within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.get(partition)) {
                        published.add(new Published(
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                text(record, "ce_id"),
                                text(record, "ce_type"),
                                text(record, "ce_subject")));
                    }
                }
            }
        }
        return published;
    }

    /** A record as published: where it is, and the CloudEvents id, type and subject (the order) of its event. */
    record Published(String topic, int partition, long offset, String eventId, String type, String subject) {}

    /** Publishes records as they are, headers included, and returns where each landed. */
    List<RecordMetadata> publish(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (var producer = new KafkaProducer<byte[], byte[]>(authenticated(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class)))) {
            var sent = new ArrayList<RecordMetadata>();
            for (var record : records) {
                sent.add(producer.send(record).get(30, TimeUnit.SECONDS));
            }
            return sent;
        }
    }

    private static String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The binder writes partition and offset headers as big-endian binary numbers. */
    private static long number(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            return -1;
        }
        byte[] value = header.value();
        return switch (value.length) {
            case 4 -> ByteBuffer.wrap(value).getInt();
            case 8 -> ByteBuffer.wrap(value).getLong();
            default -> Long.parseLong(new String(value, StandardCharsets.UTF_8));
        };
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
