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

/** The suite's view of Kafka: consumer lag of the services' groups, dead-letter topics, and poison to publish. */
final class KafkaProbe implements AutoCloseable {

    static final List<String> GROUPS = List.of("order-intake", "barista-worker", "notification-service");

    private final String bootstrapServers;
    private final Admin admin;

    KafkaProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
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
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false))) {
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

    /** Publishes records as they are, headers included, and returns where each landed. */
    List<RecordMetadata> publish(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
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
