package dev.coffeeshop.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One Kafka broker (KRaft) and one PostgreSQL server per test JVM; each test context gets a database of its own.
 *
 * <p>Which implementation runs is chosen by the system property or environment variable
 * {@code COFFEESHOP_TEST_INFRASTRUCTURE}: {@code embedded} (default: the broker from Kafka's own jars and PostgreSQL
 * from embedded binaries, no Docker needed) or {@code containers} (Testcontainers, needs Docker). An explicit
 * {@code KAFKA_BOOTSTRAP_SERVERS} uses an existing broker instead.
 */
public final class TestInfrastructure {

    /**
     * The broker deletes segments past their retention within about a second (Kafka checks every 5 minutes, the
     * first time 30 s after start), so a test can watch a topic with a short {@code retention.ms} lose its old
     * records. Topics keep their default retention of a week, so nothing else changes.
     */
    private static final Map<String, String> RETENTION_SETTINGS = Map.of(
            "log.retention.check.interval.ms", "1000",
            "log.initial.task.delay.ms", "1000");

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final AtomicInteger databases = new AtomicInteger();
    private static volatile String kafka;
    private static volatile Postgres postgres;

    private TestInfrastructure() {}

    /** A JDBC URL, user and password of a database nobody else uses. */
    public record Database(String url, String username, String password) {}

    private record Postgres(String adminUrl, String username, String password, String urlPrefix) {}

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            String external = setting("KAFKA_BOOTSTRAP_SERVERS");
            if (external != null) {
                kafka = external;
            } else if (containers()) {
                var container = new KafkaContainer("apache/kafka:4.1.0");
                RETENTION_SETTINGS.forEach((name, value) -> container.withEnv(
                        "KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'), value));
                container.start();
                kafka = container.getBootstrapServers();
            } else {
                // partitions match production topics so concurrency is exercised in tests too
                var broker = new EmbeddedKafkaKraftBroker(1, 6);
                var properties = new HashMap<>(Map.of(
                        "auto.create.topics.enable", "true",
                        "num.partitions", "6",
                        "group.initial.rebalance.delay.ms", "0"));
                properties.putAll(RETENTION_SETTINGS);
                broker.brokerProperties(properties);
                broker.afterPropertiesSet();
                kafka = broker.getBrokersAsString();
            }
            log.info("Tests use Kafka at {}", kafka);
        }
        return kafka;
    }

    /** Creates a fresh, empty database named after {@code purpose}. */
    public static Database newDatabase(String purpose) {
        Postgres server = postgres();
        String name =
                (purpose.replaceAll("[^A-Za-z0-9]", "_") + "_" + databases.incrementAndGet()).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new Database(server.urlPrefix() + name, server.username(), server.password());
    }

    private static synchronized Postgres postgres() {
        if (postgres == null) {
            if (containers()) {
                var container = new PostgreSQLContainer("postgres:17-alpine");
                container.start();
                String prefix = container
                        .getJdbcUrl()
                        .substring(0, container.getJdbcUrl().lastIndexOf('/') + 1);
                postgres =
                        new Postgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(), prefix);
            } else {
                try {
                    EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                    String prefix = "jdbc:postgresql://localhost:" + server.getPort() + "/";
                    postgres = new Postgres(prefix + "postgres", "postgres", "postgres", prefix);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            server.close();
                        } catch (IOException ignored) {
                            // the JVM is exiting; the server's directory is temporary
                        }
                    }));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
                }
            }
            log.info("Tests use PostgreSQL at {}", postgres.adminUrl());
        }
        return postgres;
    }

    private static boolean containers() {
        String mode = setting("COFFEESHOP_TEST_INFRASTRUCTURE");
        if ("containers".equalsIgnoreCase(mode)) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                throw new IllegalStateException("COFFEESHOP_TEST_INFRASTRUCTURE=containers needs a Docker engine");
            }
            return true;
        }
        return false;
    }

    private static String setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value;
    }
}
