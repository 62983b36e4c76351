package dev.coffeeshop.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
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
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.backlog() == 0);
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
        } finally {
            producer.close(Duration.ZERO);
            relay.start();
        }
        List<ConsumerRecord<String, byte[]>> received = consume(Topics.PREPARATIONS, order.toString(), 1);
        assertThat(codec.read(
                        TestKafka.headers(received.getFirst()),
                        received.getFirst().value()))
                .isEqualTo(ready);
    }

    private static List<ConsumerRecord<String, byte[]>> consume(String topic, String key, int expected) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(topic, key), received -> received.size() >= expected);
    }
}
