package dev.coffeeshop.notification.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.EventType;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class NotificationServiceTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String DEAD_LETTERS = Topics.deadLetter(Topics.ORDERS, "notification-service");
    static final EventCodec codec = new EventCodec();
    static KafkaProducer<String, byte[]> producer;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    RestClient http;

    @BeforeAll
    static void connectProducer() {
        producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @BeforeEach
    void connectHttp() {
        http = RestClient.create("http://localhost:" + port);
    }

    @Test
    void tellsTheCustomerTheirOrderWasReceived() {
        // given
        UUID order = UUID.randomUUID();

        // when
        publish(placed(order));

        // then
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("RECEIVED")));
        Story story = story(order);
        assertThat(story.orderId()).isEqualTo(order);
        assertThat(story.notifications().getFirst().message()).isEqualTo("Thanks Ada, we received your order");
        assertThat(story.notifications().getFirst().occurredAt()).isNotNull();
        assertThat(story.notifications().getFirst().createdAt()).isNotNull();
        await().atMost(PATIENCE).until(() -> deliveries(order, "RECEIVED") == 1);
    }

    @Test
    void tellsTheWholeStoryInOrderWhenTheOrderIsReadyBeforeItIsPlaced() {
        // given
        UUID order = UUID.randomUUID();
        publish(new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada"));
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("READY_FOR_PICKUP")));

        // when
        publish(placed(order));

        // then
        await().atMost(PATIENCE)
                .until(() -> kinds(order), kinds -> kinds.equals(List.of("RECEIVED", "READY_FOR_PICKUP")));
        assertThat(story(order).notifications())
                .extracting(Entry::message)
                .containsExactly("Thanks Ada, we received your order", "Ada, your order is ready for pickup!");
    }

    @Test
    void callsTheCustomerOnceWhenTheReadyEventIsRedeliveredOrRepeated() {
        // given
        UUID order = UUID.randomUUID();
        var ready = new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada");
        var readyAgain = new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada");

        // when
        publish(ready);
        publish(ready);
        publish(readyAgain);

        // then the last one is handled after the others, as one order's events share a partition
        await().atMost(PATIENCE).until(() -> processed(readyAgain.eventId()));
        assertThat(kinds(order)).containsExactly("READY_FOR_PICKUP");
        assertThat(notifications(order, "READY_FOR_PICKUP")).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> deliveries(order, "READY_FOR_PICKUP") == 1);
    }

    @Test
    void tellsTheCustomerAboutTheRefundAndNotThatTheOrderIsReadyWhenItCannotBeMade() {
        // given
        UUID order = UUID.randomUUID();
        publish(new OrderRejected(
                UUID.randomUUID(), order, Instant.now(), "Ada", RejectionReason.OUT_OF_STOCK, "no pumpkin spice"));

        // when
        var refunded = new PaymentRefunded(UUID.randomUUID(), order, Instant.now(), "Ada", 490, "OUT_OF_STOCK");
        publish(refunded);

        // then
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("REFUNDED")));
        assertThat(story(order).notifications())
                .extracting(Entry::message)
                .containsExactly("Sorry Ada, we could not make your order; 4.90 EUR refunded");
        assertThat(notifications(order, "READY_FOR_PICKUP")).isZero();
    }

    @Test
    void sendsGarbageToTheDeadLetterTopicWithTheReasonAndKeepsHandlingTheRecordsAfterIt() {
        // given
        UUID order = UUID.randomUUID();
        var garbage = new ProducerRecord<String, byte[]>(
                Topics.ORDERS, order.toString(), new byte[] {(byte) 0xC3, 0x28, '{', 'n', 'o', 'p', 'e'});
        garbage.headers().add(new RecordHeader(CloudEventHeaders.TYPE, utf8(EventType.ORDER_PLACED.ceType())));
        garbage.headers()
                .add(new RecordHeader(
                        CloudEventHeaders.ID, utf8(UUID.randomUUID().toString())));

        // when
        producer.send(garbage);
        publish(placed(order));

        // then
        await().atMost(PATIENCE).until(() -> deadLetters(order.toString()), dead -> dead.size() == 1);
        ConsumerRecord<String, byte[]> dead = deadLetters(order.toString()).getFirst();
        assertThat(dead.value()).isEqualTo(garbage.value());
        assertThat(header(dead, "x-exception-message")).contains("not a valid coffeeshop.order.placed.v1");
        assertThat(header(dead, "x-original-topic")).isEqualTo(Topics.ORDERS);
        assertThat(header(dead, "x-exception-fqcn")).isNotBlank();
        assertThat(meters.counter("coffeeshop.events.unreadable").count())
                .as("read once, not retried")
                .isEqualTo(1.0);
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("RECEIVED")));
    }

    @Test
    void skipsEventTypesItDoesNotKnowWithoutDeadLettering() {
        // given
        UUID order = UUID.randomUUID();
        var future = new ProducerRecord<String, byte[]>(Topics.ORDERS, order.toString(), utf8("{}"));
        future.headers().add(new RecordHeader(CloudEventHeaders.TYPE, utf8("coffeeshop.order.cancelled.v1")));

        // when
        producer.send(future);
        publish(placed(order));

        // then
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("RECEIVED")));
        assertThat(deadLetters(order.toString())).isEmpty();
    }

    private static OrderPlaced placed(UUID order) {
        return new OrderPlaced(
                UUID.randomUUID(),
                order,
                Instant.now(),
                "Ada",
                List.of(new LineItem("latte", "large", 1, List.of("oat-milk"))),
                490,
                "EUR");
    }

    private static void publish(OrderEvent event) {
        var record = new ProducerRecord<String, byte[]>(
                EventType.of(event).topic(), event.orderId().toString(), codec.toJson(event));
        CloudEventHeaders.of(event, "/test")
                .forEach((name, value) -> record.headers().add(new RecordHeader(name, utf8(value))));
        producer.send(record);
    }

    private Story story(UUID order) {
        return http.get().uri("/orders/{id}/notifications", order).retrieve().body(Story.class);
    }

    private List<String> kinds(UUID order) {
        return story(order).notifications().stream().map(Entry::kind).toList();
    }

    private boolean processed(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?")
                        .param(eventId)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private long notifications(UUID order, String kind) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE order_id = ? AND kind = ?")
                .params(order, kind)
                .query(Long.class)
                .single();
    }

    private long deliveries(UUID order, String kind) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE order_id = ? AND kind = ?")
                .params(order, kind)
                .query(Long.class)
                .single();
    }

    /** Every record on this service's dead-letter topic for {@code Topics.ORDERS} with {@code key}, up to its end. */
    private static List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        var found = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = new KafkaConsumer<String, byte[]>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(DEAD_LETTERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    record Story(UUID orderId, List<Entry> notifications) {}

    record Entry(String kind, String message, Instant occurredAt, Instant createdAt) {}
}
