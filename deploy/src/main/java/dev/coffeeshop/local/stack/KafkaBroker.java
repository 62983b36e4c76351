package dev.coffeeshop.local.stack;

import dev.coffeeshop.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/** A single-node KRaft broker (broker and controller in one JVM) run from Kafka's own jars, data kept between runs. */
final class KafkaBroker implements AutoCloseable {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final String bootstrapServers;
    private final KafkaSecurity security;

    private KafkaBroker(ChildProcess process, String bootstrapServers, KafkaSecurity security) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    /**
     * The broker's configuration: one node that is its own controller quorum, listening on loopback only, SASL on both
     * listeners and ACLs ({@link KafkaSecurity}), topics with six partitions by default (as the services expect),
     * created by the launcher only, and internal topics that need no second replica.
     */
    static String serverProperties(int port, int controllerPort, Path dataDirectory, KafkaSecurity security) {
        return """
                # written by the coffeeshop launcher on every start; edits are overwritten
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=BROKER://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=BROKER://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                inter.broker.listener.name=BROKER
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT
                log.dirs=%3$s
                num.partitions=6
                default.replication.factor=1
                auto.create.topics.enable=false
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=6
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=6
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                num.network.threads=2
                num.io.threads=4
                num.recovery.threads.per.data.dir=1
                log.retention.hours=24
                """.formatted(port, controllerPort, dataDirectory.toString().replace('\\', '/'))
                + security.serverProperties("BROKER", "CONTROLLER");
    }

    static KafkaBroker start(StackSettings settings, String classpath) {
        Path home = settings.dataDirectory().resolve("kafka");
        Path data = home.resolve("data");
        Path config = home.resolve("server.properties");
        Path log4j = home.resolve("log4j2.properties");
        Path log = settings.log("kafka");
        boolean formatted = Files.exists(data.resolve("meta.properties"));
        if (formatted && !KafkaSecurity.isKeptIn(home)) {
            throw new StackStartupException(
                    "Kafka's data in " + home + " was made before the broker required "
                            + "SASL and has no credentials: delete the folder (its topics and offsets with it) and start again");
        }
        KafkaSecurity security = formatted ? KafkaSecurity.read(home) : KafkaSecurity.generate();
        try {
            Files.createDirectories(data);
            Files.writeString(
                    config,
                    serverProperties(settings.kafkaPort(), settings.kafkaControllerPort(), data, security),
                    StandardCharsets.UTF_8);
            restrictToOwner(config);
            writeLogConfiguration(log4j);
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka's folder " + home, e);
        }
        checkFormattedForThisController(home, settings.kafkaControllerPort());

        List<String> java = javaCommand(settings.kafkaJvmOptions(), log4j, classpath);

        if (!formatted) {
            var format = new ArrayList<>(java);
            format.addAll(List.of(
                    "kafka.tools.StorageTool",
                    "format",
                    "--standalone",
                    "-t",
                    Uuid.randomUuid().toString(),
                    "-c",
                    config.toString()));
            format.addAll(security.formatArguments());
            ChildProcess.runToCompletion("Kafka storage format", format, log, FORMAT_TIMEOUT);
            security.keepIn(home);
            writeFormattedFor(home, settings.kafkaControllerPort());
        }
        var server = new ArrayList<>(java);
        server.addAll(List.of("kafka.Kafka", config.toString()));
        // format wrote its lines to the log already; the broker appends after them
        var process = ChildProcess.start("kafka", server, Map.of(), home, log);
        return new KafkaBroker(process, "127.0.0.1:" + settings.kafkaPort(), security);
    }

    /** The broker's configuration holds its password: readable by the owner only. */
    static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions (Windows): the folder's own protection applies
        }
    }

    /** The JVM a Kafka node runs in: with {@code options}, logging as {@code log4j} says. */
    static List<String> javaCommand(List<String> options, Path log4j, String classpath) {
        var java = new ArrayList<String>();
        java.add(JavaCommand.executable());
        java.addAll(options);
        java.add("-Djava.awt.headless=true");
        java.add("-Dlog4j2.configurationFile=" + log4j.toUri());
        java.addAll(JavaCommand.quietOptions());
        java.addAll(List.of("-cp", classpath));
        return java;
    }

    /** Kafka's logging configuration: INFO to standard output, which the launcher writes to the node's log. */
    static void writeLogConfiguration(Path target) throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-log4j2.properties")) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Waits until the broker answers a metadata request, failing early when its process has died; then, as the tools
     * principal, gives the services their passwords and ACLs and creates their topics.
     */
    void awaitReady(Duration timeout) {
        awaitReachable(bootstrapServers, timeout, process, security.toolsClientSettings());
        try (Admin admin = Admin.create(toolsSettings())) {
            security.provision(admin, Topics.PARTITIONS, (short) 1);
        }
    }

    /** As {@link #awaitReachable(String, Duration, ChildProcess, Map)}, without authentication. */
    static void awaitReachable(String bootstrapServers, Duration timeout, ChildProcess process) {
        awaitReachable(bootstrapServers, timeout, process, Map.of());
    }

    /** Waits until the brokers answer a metadata request of a client with {@code security} settings. */
    static void awaitReachable(
            String bootstrapServers, Duration timeout, ChildProcess process, Map<String, Object> security) {
        long deadline = System.nanoTime() + timeout.toNanos();
        var config = new HashMap<String, Object>(security);
        config.putAll(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (process != null && !process.isAlive()) {
                    throw new StackStartupException("Kafka exited (code " + process.exitValue() + ") while starting:\n"
                            + ChildProcess.tail(process.log(), 20) + "\nFull log: " + process.log());
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                            .nodes()
                            .get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (notYet instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new StackStartupException("Interrupted while waiting for Kafka", notYet);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new StackStartupException("Kafka at " + bootstrapServers + " did not answer within "
                                + timeout.toSeconds() + " s"
                                + (process == null ? "" : "; see " + process.log()));
                    }
                }
            }
        }
    }

    /**
     * A standalone quorum records its controller's address when formatted; moving the controller to another port
     * afterwards leaves a broker that never finds its quorum, so say so instead of hanging.
     */
    private static void checkFormattedForThisController(Path home, int controllerPort) {
        Path marker = home.resolve("formatted-for-controller-port");
        if (!Files.exists(marker)) {
            return;
        }
        try {
            String formattedFor =
                    Files.readString(marker, StandardCharsets.UTF_8).strip();
            if (!formattedFor.equals(Integer.toString(controllerPort))) {
                throw new StackStartupException("Kafka's data in " + home + " belongs to a controller on port "
                        + formattedFor + ", not " + controllerPort + ": use that port or delete the folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFormattedFor(Path home, int controllerPort) {
        try {
            Files.writeString(home.resolve("formatted-for-controller-port"), Integer.toString(controllerPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Who may do what on this broker, and the passwords. */
    KafkaSecurity security() {
        return security;
    }

    /** Client settings of the launcher's tools: the brokers and the tools principal's credentials. */
    Map<String, Object> toolsSettings() {
        var settings = new HashMap<String, Object>(security.toolsClientSettings());
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return settings;
    }

    ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }
}
