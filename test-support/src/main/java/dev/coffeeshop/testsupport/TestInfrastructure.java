package dev.coffeeshop.testsupport;

import dev.coffeeshop.events.KafkaAccess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One Kafka broker (KRaft) and one PostgreSQL server per test JVM; each test context gets a database of its own.
 *
 * <p>Which implementation runs is chosen by the system property or environment variable
 * {@code COFFEESHOP_TEST_INFRASTRUCTURE}: {@code embedded} (default: the broker from Kafka's own jars, with SASL and
 * ACLs as {@link SecuredKafka} says, and PostgreSQL from embedded binaries, no Docker needed) or {@code containers} (Testcontainers, needs Docker: {@link #KAFKA_IMAGE}
 * and {@link #POSTGRES_IMAGE}, the images docker-compose.yml runs). An explicit {@code KAFKA_BOOTSTRAP_SERVERS} uses an
 * existing broker instead.
 *
 * <p>Containers are started once and stopped when the JVM exits (a shutdown hook), not when a test context closes, so
 * they also go away where Testcontainers' Ryuk cannot run ({@code TESTCONTAINERS_RYUK_DISABLED=true}). Each carries the
 * label {@value #LABEL} and, when {@code COFFEESHOP_TEST_RUN} is set, {@value #RUN_LABEL} with its value, so that a
 * script can tell its own containers from anyone else's.
 */
public final class TestInfrastructure {

    /** The broker of the project's {@code kafka.version} (Maven fills it into {@code containers.properties}). */
    public static final String KAFKA_IMAGE;

    public static final String POSTGRES_IMAGE;

    /** Every container started here carries this label. */
    public static final String LABEL = "dev.coffeeshop.tests";

    /** The value of {@code COFFEESHOP_TEST_RUN}, when set, under this label. */
    public static final String RUN_LABEL = "dev.coffeeshop.test-run";

    static {
        var images = new Properties();
        try (InputStream in = TestInfrastructure.class.getResourceAsStream("containers.properties")) {
            images.load(in);
        } catch (IOException | NullPointerException e) {
            throw new ExceptionInInitializerError("cannot read containers.properties beside TestInfrastructure: " + e);
        }
        KAFKA_IMAGE = images.getProperty("kafka.image");
        POSTGRES_IMAGE = images.getProperty("postgres.image");
    }

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
    private static volatile SecuredKafka securedKafka;
    private static volatile KafkaContainer kafkaContainer;
    private static volatile PostgreSQLContainer postgresContainer;
    private static volatile Postgres postgres;

    private TestInfrastructure() {}

    /** A JDBC URL, user and password of a database nobody else uses. */
    public record Database(String url, String username, String password) {}

    private record Postgres(String adminUrl, String username, String password, String urlPrefix) {}

    /**
     * Whether Kafka and PostgreSQL run in containers ({@code COFFEESHOP_TEST_INFRASTRUCTURE=containers}); throws if
     * they should but no Docker engine answers.
     */
    public static boolean usesContainers() {
        String mode = setting("COFFEESHOP_TEST_INFRASTRUCTURE");
        if ("containers".equalsIgnoreCase(mode)) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                throw new IllegalStateException("COFFEESHOP_TEST_INFRASTRUCTURE=containers needs a Docker engine");
            }
            return true;
        }
        return false;
    }

    /** Whether the tests use a broker given by {@code KAFKA_BOOTSTRAP_SERVERS} rather than one started here. */
    public static boolean usesExternalKafka() {
        return setting("KAFKA_BOOTSTRAP_SERVERS") != null;
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            String external = setting("KAFKA_BOOTSTRAP_SERVERS");
            if (external != null) {
                kafka = external;
            } else if (usesContainers()) {
                kafka = kafkaContainer().getBootstrapServers();
            } else {
                securedKafka = SecuredKafka.start(RETENTION_SETTINGS);
                kafka = securedKafka.bootstrapServers();
            }
            log.info("Tests use Kafka at {}", kafka);
        }
        return kafka;
    }

    /**
     * Kafka client settings that authenticate as {@code principal} (a service's name, or {@link KafkaAccess#TOOLS}) on
     * the embedded broker, which demands SASL/SCRAM and applies each service's ACLs (see {@link SecuredKafka}); none on
     * a container or a broker given by {@code KAFKA_BOOTSTRAP_SERVERS}, which ask for no authentication.
     */
    public static Map<String, Object> kafkaClientSettings(String principal) {
        kafkaBootstrapServers();
        SecuredKafka secured = securedKafka;
        return secured == null ? Map.of() : secured.clientSettings(principal);
    }

    /** Client settings of the operator's tools principal, which may do anything: what tests play other parts with. */
    public static Map<String, Object> kafkaToolsSettings() {
        return kafkaClientSettings(KafkaAccess.TOOLS);
    }

    /** The shared broker's address and the tools principal's credentials: a client config to add to. */
    public static Map<String, Object> kafkaToolsClientConfig() {
        var config = new HashMap<String, Object>(kafkaToolsSettings());
        config.put("bootstrap.servers", kafkaBootstrapServers());
        return config;
    }

    /**
     * The Kafka principal a test context of this {@code spring.application.name} connects as: the service's own, so
     * that its tests run within its ACLs, or the tools principal for any other application.
     */
    public static String kafkaPrincipalOf(String applicationName) {
        return KafkaAccess.services().stream()
                .map(KafkaAccess::principal)
                .filter(applicationName::equals)
                .findFirst()
                .orElse(KafkaAccess.TOOLS);
    }

    /**
     * The JVM's one Kafka container ({@link #KAFKA_IMAGE}), started on first use with the settings of the embedded
     * broker, stopped when the JVM exits. Only in containers mode.
     */
    public static synchronized KafkaContainer kafkaContainer() {
        if (!usesContainers()) {
            throw new IllegalStateException(
                    "Kafka runs in a container only with COFFEESHOP_TEST_INFRASTRUCTURE=containers");
        }
        if (kafkaContainer == null) {
            var container = new KafkaContainer(KAFKA_IMAGE);
            var settings = new HashMap<>(Map.of("num.partitions", "6", "group.initial.rebalance.delay.ms", "0"));
            settings.putAll(RETENTION_SETTINGS);
            settings.forEach((name, value) ->
                    container.withEnv("KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'), value));
            kafkaContainer = start(labelled(container), "Kafka");
        }
        return kafkaContainer;
    }

    /**
     * The JVM's one PostgreSQL container ({@link #POSTGRES_IMAGE}), in which {@link #newDatabase} creates the
     * databases; stopped when the JVM exits. Only in containers mode.
     */
    public static synchronized PostgreSQLContainer postgresContainer() {
        if (!usesContainers()) {
            throw new IllegalStateException(
                    "PostgreSQL runs in a container only with COFFEESHOP_TEST_INFRASTRUCTURE=containers");
        }
        if (postgresContainer == null) {
            postgresContainer = start(labelled(new PostgreSQLContainer(POSTGRES_IMAGE)), "PostgreSQL");
        }
        return postgresContainer;
    }

    /** Creates a fresh, empty database named after {@code purpose}. */
    public static Database newDatabase(String purpose) {
        Postgres server = postgres();
        String name = uniqueName(purpose);
        execute(server, "CREATE DATABASE " + name);
        return new Database(server.urlPrefix() + name, server.username(), server.password());
    }

    /**
     * Creates a fresh, empty database owned by a user of its own, who may enter no other database: as
     * {@code deploy/postgres/init.sql} gives each service in production. The password equals the user's name.
     */
    public static Database newDatabaseWithItsOwnUser(String purpose) {
        Postgres server = postgres();
        String name = uniqueName(purpose);
        execute(server, "CREATE USER " + name + " WITH PASSWORD '" + name + "'");
        execute(server, "CREATE DATABASE " + name + " OWNER " + name);
        execute(server, "REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
        return new Database(server.urlPrefix() + name, name, name);
    }

    private static String uniqueName(String purpose) {
        return (purpose.replaceAll("[^A-Za-z0-9]", "_") + "_" + databases.incrementAndGet()).toLowerCase(Locale.ROOT);
    }

    private static void execute(Postgres server, String sql) {
        try (Connection c = DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + sql.replaceFirst(" WITH PASSWORD .*", ""), e);
        }
    }

    private static synchronized Postgres postgres() {
        if (postgres == null) {
            if (usesContainers()) {
                var container = postgresContainer();
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

    private static <C extends GenericContainer<?>> C labelled(C container) {
        container.withLabel(LABEL, "true");
        String run = setting("COFFEESHOP_TEST_RUN");
        if (run != null) {
            container.withLabel(RUN_LABEL, run);
        }
        return container;
    }

    /** Starts a container and stops it when the JVM exits: neither a closing test context nor Ryuk does. */
    private static <C extends GenericContainer<?>> C start(C container, String what) {
        long started = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-" + container.getDockerImageName()));
        container.start();
        log.info(
                "{} container {} ({}) started in {} ms",
                what,
                container.getContainerId().substring(0, 12),
                container.getDockerImageName(),
                (System.nanoTime() - started) / 1_000_000);
        return container;
    }

    private static String setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value;
    }
}
