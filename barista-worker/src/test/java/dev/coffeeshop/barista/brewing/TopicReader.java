package dev.coffeeshop.barista.brewing;

import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic from the beginning in a consumer group of its own. The broker is shared by every test class
 * of the JVM, so records are always looked up by key (the order id).
 */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
    private final EventCodec codec = new EventCodec();

    TopicReader(String topic) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "barista-tests-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Every record with {@code key} read so far, after one more poll. */
    List<ConsumerRecord<String, byte[]>> recordsFor(Object key) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        return read.stream().filter(r -> key.toString().equals(r.key())).toList();
    }

    /** Events of {@code orderId} read so far, after one more poll. */
    List<OrderEvent> eventsOf(UUID orderId) {
        return recordsFor(orderId).stream()
                .map(r -> codec.read(headers(r), r.value()))
                .toList();
    }

    /** Waits until the first event of {@code orderId} arrives and returns it. */
    OrderEvent awaitFirstEventOf(UUID orderId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(orderId), events -> !events.isEmpty())
                .getFirst();
    }

    static Map<String, byte[]> headers(ConsumerRecord<String, byte[]> record) {
        var headers = new HashMap<String, byte[]>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value());
        }
        return headers;
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return EventCodec.header(headers(record), name);
    }

    /** Waits until {@code group} has committed past {@code published}: the record has been handled, whatever it did. */
    static void awaitConsumed(String group, RecordMetadata published) {
        var partition = new TopicPartition(published.topic(), published.partition());
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                return committed != null && committed.offset() > published.offset();
            });
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
