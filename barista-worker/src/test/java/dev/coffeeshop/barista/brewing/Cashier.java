package dev.coffeeshop.barista.brewing;

import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Stands in for order-intake: puts records on the orders topic the way its outbox relay does. */
final class Cashier implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());
    private final EventCodec codec = new EventCodec();

    static OrderPlaced order(String customer, LineItem... items) {
        return new OrderPlaced(
                UUID.randomUUID(), UUID.randomUUID(), Instant.now(), customer, List.of(items), 1000, "EUR");
    }

    static LineItem line(String drink, String size, int quantity, String... options) {
        return new LineItem(drink, size, quantity, List.of(options));
    }

    RecordMetadata publishes(OrderEvent event) {
        return publishes(event.orderId().toString(), codec.toJson(event), CloudEventHeaders.of(event, "/test"));
    }

    RecordMetadata publishes(String key, byte[] payload, Map<String, String> headers) {
        var record = new ProducerRecord<String, byte[]>(Topics.ORDERS, key, payload);
        headers.forEach(
                (name, value) -> record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        try {
            return producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
