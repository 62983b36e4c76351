package dev.coffeeshop.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka and PostgreSQL as the launcher starts them, on free ports with a fresh data folder; no services. */
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
    void acceptsWhatIsProducedAndDeliversItToAConsumer() throws Exception {
        // given
        String topic = "coffeeshop.launcher.smoke";
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer())) {

            // when
            producer.send(new ProducerRecord<>(topic, "order-1", "placed")).get(30, TimeUnit.SECONDS);
        }

        // then
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "launcher-tests",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            var received = new ArrayList<ConsumerRecord<String, String>>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("order-1");
                assertThat(record.value()).isEqualTo("placed");
            });
            assertThat(consumer.partitionsFor(topic)).hasSize(6);
        }
    }

    private static Connection connect(DatabaseConnection database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.username(), database.password());
    }
}
