package dev.coffeeshop.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffeeshop.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka and PostgreSQL as the launcher starts them, on free ports with a fresh data folder; no services. Each service's
 * Kafka principal is tried with what the service does and with what it must not do.
 */
class LocalInfrastructureTests {

    @TempDir
    static Path data;

    private static LocalStack stack;

    @BeforeAll
    static void startInfrastructure() {
        var settings = StackSettings.defaults(Path.of(".."))
                .withDataDirectory(data)
                .withServices(Set.of())
                .onFreePorts();
        stack = LocalStack.start(settings);
    }

    @AfterAll
    static void stopInfrastructure() {
        stack.close();
    }

    @Test
    void letsEachServiceUseItsOwnDatabase() throws SQLException {
        for (Service service : Service.values()) {
            // given
            DatabaseConnection own = stack.database(service);

            // when
            try (Connection connection = connect(own);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE owned_by_" + service.database() + " (id int primary key)");
                statement.execute("INSERT INTO owned_by_" + service.database() + " VALUES (1)");
                var result = statement.executeQuery("SELECT count(*) FROM owned_by_" + service.database());
                result.next();

                // then
                assertThat(result.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void keepsEveryServiceOutOfTheOthersDatabases() {
        for (Service service : Service.values()) {
            for (Service other : Service.values()) {
                if (other == service) {
                    continue;
                }
                // given
                DatabaseConnection own = stack.database(service);
                DatabaseConnection theirs = stack.database(other);
                var intruder = new DatabaseConnection(theirs.url(), own.username(), own.password());

                // when / then
                assertThatThrownBy(() -> connect(intruder).close())
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied for database \"" + other.database() + "\"");
            }
        }
    }

    @Test
    void refusesAServiceUserWithTheWrongPassword() {
        // given
        DatabaseConnection own = stack.database(Service.ORDER_INTAKE);
        var guess = new DatabaseConnection(own.url(), own.username(), "guess");

        // when / then
        assertThatThrownBy(() -> connect(guess).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void givesNoServiceUserPowersBeyondItsDatabase() throws SQLException {
        // given
        DatabaseConnection own = stack.database(Service.BARISTA_WORKER);

        // when
        try (Connection connection = connect(own);
                Statement statement = connection.createStatement()) {
            var result = statement.executeQuery(
                    "SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user");
            result.next();

            // then
            assertThat(List.of(result.getBoolean(1), result.getBoolean(2), result.getBoolean(3)))
                    .containsOnly(false);
        }
    }

    @Test
    void deliversWhatAServicePublishesOnItsOwnTopicToTheServiceThatConsumesIt() throws Exception {
        // given
        String orderId = UUID.randomUUID().toString();
        try (var intake = producer(Service.ORDER_INTAKE)) {

            // when
            intake.send(new ProducerRecord<>(Topics.ORDERS, orderId, "placed")).get(30, TimeUnit.SECONDS);
        }

        // then
        try (var barista = consumer(Service.BARISTA_WORKER, "barista-worker")) {
            barista.subscribe(List.of(Topics.ORDERS));
            var received = new ArrayList<ConsumerRecord<String, String>>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                barista.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (orderId.equals(r.key())) {
                        received.add(r);
                    }
                });
                return !received.isEmpty();
            });
            assertThat(received).singleElement().satisfies(r -> assertThat(r.value())
                    .isEqualTo("placed"));
            assertThat(barista.partitionsFor(Topics.ORDERS)).hasSize(6);
        }
    }

    @Test
    void refusesABaristaWritingAnOrderOnTheCashiersTopic() {
        // given
        try (var barista = producer(Service.BARISTA_WORKER)) {

            // when / then
            assertThatThrownBy(() -> barista.send(new ProducerRecord<>(Topics.ORDERS, "forged", "placed"))
                            .get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void refusesTheNotificationServiceForgingAnOrderReady() {
        // given
        try (var notifications = producer(Service.NOTIFICATION_SERVICE)) {

            // when / then
            assertThatThrownBy(() -> notifications
                            .send(new ProducerRecord<>(Topics.PREPARATIONS, "forged", "{\"type\":\"OrderReady\"}"))
                            .get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void refusesAServiceReadingWithAnotherServicesConsumerGroup() {
        // given
        try (var barista = consumer(Service.BARISTA_WORKER, "order-intake")) {
            barista.subscribe(List.of(Topics.PREPARATIONS));

            // when / then
            assertThatThrownBy(() -> barista.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void refusesAClientThatDoesNotAuthenticate() {
        // given
        try (var anonymous = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        5000),
                new StringSerializer(),
                new StringSerializer())) {

            // when / then: the broker answers a PLAINTEXT client's requests with nothing, so it never learns a topic
            assertThatThrownBy(() -> anonymous
                            .send(new ProducerRecord<>(Topics.ORDERS, "forged", "placed"))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, KafkaException.class)
                    .satisfies(e -> assertThat(e)
                            .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class));
        }
    }

    @Test
    void refusesAServiceUserWithTheWrongKafkaPassword() {
        // given
        var config = new HashMap<String, Object>(KafkaSecurity.clientSettings("order-intake", "guess"));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        try (var guess = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {

            // when / then
            assertThatThrownBy(() -> guess.send(new ProducerRecord<>(Topics.ORDERS, "o", "placed"))
                            .get(30, TimeUnit.SECONDS))
                    .satisfies(e -> assertThat(e).hasRootCauseInstanceOf(SaslAuthenticationException.class));
        }
    }

    @Test
    void keepsKafkaPasswordsOutOfTheBrokersLogAndItsFilesPrivate() throws IOException {
        // given
        Path kafka = data.resolve("kafka");
        String log = Files.readString(stack.settings().log("kafka"));

        // when / then
        assertThat(stack.kafkaSecurity().passwords())
                .allSatisfy(p -> assertThat(log).doesNotContain(p));
        assertThat(Files.getPosixFilePermissions(kafka.resolve(KafkaSecurity.FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(kafka.resolve("server.properties")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    private static KafkaProducer<String, String> producer(Service service) {
        var config = new HashMap<String, Object>(credentials(service));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Service service, String group) {
        var config = new HashMap<String, Object>(credentials(service));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** The client settings of the service's principal, from the environment the launcher gives the service. */
    private static Map<String, Object> credentials(Service service) {
        Map<String, String> environment = stack.kafkaSecurity().serviceEnvironment(service);
        return KafkaSecurity.clientSettings(environment.get("KAFKA_USERNAME"), environment.get("KAFKA_PASSWORD"));
    }

    private static Connection connect(DatabaseConnection database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.username(), database.password());
    }
}
