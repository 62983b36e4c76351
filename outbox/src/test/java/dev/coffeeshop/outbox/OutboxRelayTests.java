package dev.coffeeshop.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.OrderTraces;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
@RealInfrastructure
class OutboxRelayTests {

    @SpringBootApplication
    @Import(OutboxConfiguration.class)
    static class OutboxApplication {}

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutboxProperties configured;

    @Autowired
    KafkaConnectionDetails connection;

    @Autowired
    Environment environment;

    final EventCodec codec = new EventCodec();

    @Test
    void publishesAnOrdersEventsInTheOrderTheyWereStoredAndThenForgetsThem() {
        // given
        UUID order = UUID.randomUUID();
        var events = List.of(
                new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada"),
                new OrderRejected(
                        UUID.randomUUID(), order, Instant.now(), "Ada", RejectionReason.OUT_OF_STOCK, "no milk"),
                new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada"));

        // when
        transactions.executeWithoutResult(tx -> events.forEach(outbox::add));

        // then
        List<ConsumerRecord<String, byte[]>> received = consume(Topics.PREPARATIONS, order.toString(), 3);
        assertThat(received)
                .extracting(r -> codec.read(TestKafka.headers(r), r.value()))
                .containsExactlyElementsOf(events);
        assertThat(TestKafka.headers(received.getFirst()))
                .extractingByKey("ce_source")
                .isEqualTo("/outbox-tests".getBytes(StandardCharsets.UTF_8));
        // no tracer here: no trace context to carry on
        assertThat(received.getFirst().headers().lastHeader(OutboxRelay.TRACEPARENT))
                .isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.backlog() == 0);
    }

    @Test
    void publishesEachEventWithTheTraceContextOfTheSpanThatStoredIt() {
        // given: an outbox whose caller is in a span
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var traced = new Outbox(jdbc, codec, relay, () -> traceparent);
        UUID order = UUID.randomUUID();

        // when
        transactions.executeWithoutResult(
                tx -> traced.add(new OrderReady(UUID.randomUUID(), order, Instant.now(), "Di")));

        // then
        ConsumerRecord<String, byte[]> received =
                consume(Topics.PREPARATIONS, order.toString(), 1).getFirst();
        assertThat(TestKafka.headers(received))
                .extractingByKey(OutboxRelay.TRACEPARENT)
                .isEqualTo(traceparent.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void publishesTheEventsOfOrdersHandledTogetherEachWithItsOrdersTraceContext() {
        // given: a batch of two orders' work, one order's trace bound, the caller in a span of its own
        String callers = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String bound = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var traced = new Outbox(jdbc, codec, relay, () -> callers);
        UUID boundOrder = UUID.randomUUID();
        UUID otherOrder = UUID.randomUUID();

        // when
        OrderTraces.within(
                Map.of(boundOrder, bound),
                () -> transactions.executeWithoutResult(tx -> traced.addAll(List.of(
                        new OrderReady(UUID.randomUUID(), boundOrder, Instant.now(), "Di"),
                        new OrderReady(UUID.randomUUID(), otherOrder, Instant.now(), "Ed")))));

        // then: the bound order's event continues its own trace, the other the caller's
        assertThat(TestKafka.headers(
                        consume(Topics.PREPARATIONS, boundOrder.toString(), 1).getFirst()))
                .extractingByKey(OutboxRelay.TRACEPARENT)
                .isEqualTo(bound.getBytes(StandardCharsets.UTF_8));
        assertThat(TestKafka.headers(
                        consume(Topics.PREPARATIONS, otherOrder.toString(), 1).getFirst()))
                .extractingByKey(OutboxRelay.TRACEPARENT)
                .isEqualTo(callers.getBytes(StandardCharsets.UTF_8));
        // and nothing stays bound after the work
        assertThat(OrderTraces.of(boundOrder)).isEmpty();
    }

    @Test
    void storesNothingWhenTheStateChangeRollsBack() {
        // given
        UUID order = UUID.randomUUID();

        // when
        transactions.executeWithoutResult(tx -> {
            outbox.add(new OrderReady(UUID.randomUUID(), order, Instant.now(), "Bob"));
            tx.setRollbackOnly();
        });

        // then
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE record_key = ?")
                        .param(order.toString())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void refusesAnEventOutsideATransaction() {
        assertThatThrownBy(() -> outbox.add(new OrderReady(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "C")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepsEventsWhileTheBrokerIsUnreachableAndPublishesThemWhenItIsBack() {
        // given a relay whose broker does not answer
        var unreachable = new OutboxProperties(
                "127.0.0.1:1",
                "/outbox-tests",
                List.of(),
                6,
                (short) 1,
                500,
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                false);
        var producer = new KafkaProducer<String, byte[]>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        unreachable.bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        1000),
                new StringSerializer(),
                new ByteArraySerializer());
        var stranded = new OutboxRelay(
                jdbc,
                transactions,
                producer,
                unreachable,
                new TopicProvisioner(unreachable),
                new SimpleMeterRegistry());
        relay.stop();
        UUID order = UUID.randomUUID();
        var ready = new OrderReady(UUID.randomUUID(), order, Instant.now(), "Dee");
        transactions.executeWithoutResult(tx -> outbox.add(ready));

        try {
            // when
            assertThatThrownBy(stranded::publishBatch).isInstanceOf(OutboxRelay.RelayException.class);

            // then
            assertThat(relay.backlog()).isPositive();
            assertThat(relay.backlogAgeSeconds()).isPositive();
        } finally {
            producer.close(Duration.ZERO);
            relay.start();
        }
        List<ConsumerRecord<String, byte[]>> received = consume(Topics.PREPARATIONS, order.toString(), 1);
        assertThat(codec.read(
                        TestKafka.headers(received.getFirst()),
                        received.getFirst().value()))
                .isEqualTo(ready);
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.backlogAgeSeconds() == 0.0);
    }

    @Test
    void severalRelaysOnOneDatabasePublishEveryEventOnceAndEachOrdersEventsInOrder() throws Exception {
        // given two more service instances on the same database, each with its own relay, producer and outbox
        var instances = new ArrayList<OutboxRelay>();
        var outboxes = new ArrayList<>(List.of(outbox));
        var meters = new ArrayList<SimpleMeterRegistry>();
        int orders = 100;
        int eventsPerOrder = 30;
        int writers = 4;
        var orderIds = Stream.generate(UUID::randomUUID).limit(orders).toList();
        try {
            for (int i = 1; i <= 2; i++) {
                var registry = new SimpleMeterRegistry();
                OutboxProperties properties = OutboxConfiguration.effective(configured, connection);
                // connecting as this instance does: the same credentials
                var security = OutboxConfiguration.securitySettings(environment);
                var settings = new HashMap<String, Object>(security);
                settings.putAll(OutboxConfiguration.producerSettings(properties));
                settings.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-tests-instance-" + i);
                var other = new OutboxRelay(
                        jdbc,
                        transactions,
                        new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer()),
                        properties,
                        new TopicProvisioner(properties, security),
                        registry);
                instances.add(other);
                meters.add(registry);
                outboxes.add(new Outbox(jdbc, codec, other));
                other.start();
            }

            // when every order's events are stored one transaction at a time, orders spread over writers and
            // writers over instances, the way concurrent requests reach a scaled-out service; halfway through, this
            // instance's relay stops, as when an instance is taken away, so the others must take over
            var keys = orderIds.stream().map(UUID::toString).collect(Collectors.toSet());
            int half = eventsPerOrder / 2;
            write(outboxes, orderIds, writers, 0, half);
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> distinctEvents(keys) == (long) orders * half);
            relay.stop();
            write(outboxes, orderIds, writers, half, eventsPerOrder);

            // then every event is on the topic, once, and each order's events are in the order they were stored
            List<OrderEvent> published = await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> events(keys),
                            events -> events.stream()
                                            .map(OrderEvent::eventId)
                                            .distinct()
                                            .count()
                                    == (long) orders * eventsPerOrder);
            var expected = IntStream.range(0, eventsPerOrder)
                    .mapToObj(sequence -> "#" + sequence)
                    .toList();
            Map<UUID, List<String>> sequences = published.stream()
                    .collect(Collectors.groupingBy(
                            OrderEvent::orderId,
                            Collectors.mapping(e -> ((OrderReady) e).customerName(), Collectors.toList())));
            assertThat(sequences).hasSize(orders).allSatisfy((order, names) -> assertThat(names)
                    .as("events of order %s", order)
                    .containsExactlyElementsOf(expected));
            assertThat(published.size()).as("records published").isEqualTo(orders * eventsPerOrder);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> instances.getFirst().backlog() == 0);
            assertThat(meters).as("the other instances' relays took over").anySatisfy(registry -> assertThat(
                            registry.get("coffeeshop.outbox.published")
                                    .counter()
                                    .count())
                    .isPositive());
        } finally {
            instances.forEach(OutboxRelay::stop);
            instances.forEach(OutboxRelay::close);
            relay.start();
        }
    }

    /** Stores events {@code from} to {@code to} (exclusive) of every order, one transaction each, over the writers. */
    private void write(List<Outbox> outboxes, List<UUID> orderIds, int writers, int from, int to) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            var written = new ArrayList<Future<?>>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                Outbox instance = outboxes.get(w % outboxes.size());
                written.add(pool.submit(() -> {
                    for (int sequence = from; sequence < to; sequence++) {
                        for (int o = writer; o < orderIds.size(); o += writers) {
                            var event =
                                    new OrderReady(UUID.randomUUID(), orderIds.get(o), Instant.now(), "#" + sequence);
                            transactions.executeWithoutResult(tx -> instance.add(event));
                        }
                    }
                }));
            }
            for (Future<?> done : written) {
                done.get(2, TimeUnit.MINUTES);
            }
        }
    }

    private List<OrderEvent> events(Set<String> keys) {
        return kafka.records(Topics.PREPARATIONS, null).stream()
                .filter(r -> keys.contains(r.key()))
                .map(r -> codec.read(TestKafka.headers(r), r.value()))
                .toList();
    }

    private long distinctEvents(Set<String> keys) {
        return events(keys).stream().map(OrderEvent::eventId).distinct().count();
    }

    private static List<ConsumerRecord<String, byte[]>> consume(String topic, String key, int expected) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(topic, key), received -> received.size() >= expected);
    }
}
