package dev.coffeeshop.testsupport;

import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.EventType;
import dev.coffeeshop.events.OrderEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/** Publishes and reads raw records the way other services would, for tests that play the other side of a topic. */
public final class TestKafka implements AutoCloseable {

    private final String bootstrapServers;
    private final Map<String, Object> security;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final EventCodec codec = new EventCodec();

    /** A client of a broker that asks for no authentication. */
    public TestKafka(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /**
     * A client that authenticates with {@code security} (Kafka client settings such as {@code security.protocol} and
     * {@code sasl.jaas.config}), e.g. as the operator's tools principal, which may do anything.
     */
    public TestKafka(String bootstrapServers, Map<String, Object> security) {
        this.bootstrapServers = bootstrapServers;
        this.security = Map.copyOf(security);
        this.producer = new KafkaProducer<>(
                with(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(),
                new ByteArraySerializer());
        this.admin = Admin.create(with(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)));
    }

    public static TestKafka shared() {
        return new TestKafka(TestInfrastructure.kafkaBootstrapServers(), TestInfrastructure.kafkaToolsSettings());
    }

    private Map<String, Object> with(Map<String, Object> config) {
        var merged = new HashMap<String, Object>(security);
        merged.putAll(config);
        return merged;
    }

    /** Publishes an event as its producer would: on its topic, keyed by order, with CloudEvents headers. */
    public RecordMetadata publish(OrderEvent event) {
        Map<String, String> headers = CloudEventHeaders.of(event, "/tests");
        return publishRaw(EventType.of(event).topic(), event.orderId().toString(), headers, codec.toJson(event));
    }

    /** Publishes anything at all, e.g. garbage bytes, a record without headers or one without a value. */
    public RecordMetadata publishRaw(String topic, String key, Map<String, String> headers, byte[] value) {
        var record = new ProducerRecord<String, byte[]>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
        try {
            return producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    /** Creates {@code topic} with topic-level settings such as {@code retention.ms}; fails if it exists. */
    public void createTopic(String topic, int partitions, Map<String, String> settings) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(settings)))
                    .all()
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
    }

    /**
     * The first offset still on each partition of {@code topic}: it moves up as the broker deletes old segments.
     */
    public Map<TopicPartition, Long> earliestOffsets(String topic) {
        try {
            var partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions();
            var request = new HashMap<TopicPartition, OffsetSpec>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest()));
            var offsets = new HashMap<TopicPartition, Long>();
            admin.listOffsets(request)
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the earliest offsets of " + topic, e);
        }
    }

    /** A broker's effective setting, e.g. {@code log.retention.check.interval.ms}, as the first broker reports it. */
    public String brokerSetting(String name) {
        try {
            String broker = admin.describeCluster()
                    .nodes()
                    .get(10, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .idString();
            var resource = new ConfigResource(ConfigResource.Type.BROKER, broker);
            ConfigEntry entry = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(resource)
                    .get(name);
            return entry == null ? null : entry.value();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the broker setting " + name, e);
        }
    }

    /** Every record currently on the topic (from the beginning up to its current end), optionally for one key. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        var found = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = new KafkaConsumer<String, byte[]>(
                with(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "tests-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        // should the broker delete the segment being read, go on with what is still there
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest")),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (key == null || key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** The events of one order currently on a topic, decoded. */
    public List<OrderEvent> events(String topic, UUID orderId) {
        return records(topic, orderId.toString()).stream()
                .map(r -> codec.read(headers(r), r.value()))
                .toList();
    }

    /** Waits until {@code group} has committed past every published record: each was handled, whatever it did. */
    public void awaitConsumed(String group, RecordMetadata... published) {
        Map<TopicPartition, Long> offsets = lastOffsets(
                Stream.of(published), r -> new TopicPartition(r.topic(), r.partition()), RecordMetadata::offset);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> committedPast(group, offsets));
    }

    /** Whether {@code group} has committed past every one of {@code records}: each was handled, whatever it did. */
    public boolean consumedPast(String group, List<? extends ConsumerRecord<?, ?>> records) {
        return committedPast(
                group,
                lastOffsets(
                        records.stream(), r -> new TopicPartition(r.topic(), r.partition()), ConsumerRecord::offset));
    }

    private static <R> Map<TopicPartition, Long> lastOffsets(
            Stream<R> records, Function<R, TopicPartition> partition, Function<R, Long> offset) {
        var last = new HashMap<TopicPartition, Long>();
        records.forEach(r -> last.merge(partition.apply(r), offset.apply(r), Math::max));
        return last;
    }

    private boolean committedPast(String group, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the committed offsets of " + group, e);
        }
        return offsets.entrySet().stream().allMatch(o -> {
            OffsetAndMetadata c = committed.get(o.getKey());
            return c != null && c.offset() > o.getValue();
        });
    }

    public static Map<String, byte[]> headers(ConsumerRecord<?, ?> record) {
        var headers = new HashMap<String, byte[]>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value());
        }
        return headers;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
