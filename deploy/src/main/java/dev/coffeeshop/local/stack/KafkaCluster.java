package dev.coffeeshop.local.stack;

import dev.coffeeshop.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of several KRaft nodes, each broker and controller in its own JVM, for fault injection: any node can
 * be killed ({@code SIGKILL}), paused ({@code SIGSTOP}) and brought back. Topics get three replicas and need two in
 * sync to accept a write ({@code min.insync.replicas=2}), so one node may die without losing an acknowledged record.
 * Failure detection is tuned shorter than Kafka's defaults so that leaders move within seconds.
 *
 * <pre>{@code
 * try (var cluster = KafkaCluster.start(directory, 3)) {
 *     int leader = cluster.leaderOf("coffeeshop.intake.orders", 0);
 *     cluster.kill(leader);
 *     cluster.restart(leader);
 * }
 * }</pre>
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Path directory;
    private final List<NodeProcess> nodes;
    private final String classpath;
    private final KafkaSecurity security;

    private KafkaCluster(Path directory, List<NodeProcess> nodes, String classpath, KafkaSecurity security) {
        this.directory = directory;
        this.nodes = nodes;
        this.classpath = classpath;
        this.security = security;
    }

    private static final class NodeProcess {
        final int id;
        final int port;
        final int controllerPort;
        final Path home;
        volatile ChildProcess process;

        NodeProcess(int id, int port, int controllerPort, Path home) {
            this.id = id;
            this.port = port;
            this.controllerPort = controllerPort;
            this.home = home;
        }
    }

    /** Formats fresh storage for {@code size} nodes under {@code directory} (which must not hold a cluster) and starts them. */
    public static KafkaCluster start(Path directory, int size) {
        if (ClassLoader.getSystemResource("kafka/Kafka.class") == null) {
            throw new StackStartupException("Kafka's jars are not on the class path; build the deploy module: "
                    + "./mvnw -q -pl deploy -DskipTests package");
        }
        var nodes = new ArrayList<NodeProcess>();
        for (int id = 1; id <= size; id++) {
            nodes.add(new NodeProcess(id, freePort(), freePort(), directory.resolve("node-" + id)));
        }
        String voters =
                nodes.stream().map(n -> n.id + "@127.0.0.1:" + n.controllerPort).collect(Collectors.joining(","));
        var cluster =
                new KafkaCluster(directory, nodes, System.getProperty("java.class.path"), KafkaSecurity.generate());
        String clusterId = Uuid.randomUuid().toString();
        try {
            for (NodeProcess node : nodes) {
                if (Files.exists(node.home)) {
                    throw new StackStartupException(node.home + " exists; a cluster starts on empty folders");
                }
                Files.createDirectories(node.home.resolve("data"));
                Files.writeString(
                        node.home.resolve("server.properties"),
                        serverProperties(
                                node.id,
                                node.port,
                                node.controllerPort,
                                voters,
                                node.home.resolve("data"),
                                cluster.security),
                        StandardCharsets.UTF_8);
                KafkaBroker.restrictToOwner(node.home.resolve("server.properties"));
                KafkaBroker.writeLogConfiguration(node.home.resolve("log4j2.properties"));
                var format = new ArrayList<>(cluster.java(node));
                format.addAll(List.of(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        clusterId,
                        "-c",
                        node.home.resolve("server.properties").toString()));
                format.addAll(cluster.security.formatArguments());
                ChildProcess.runToCompletion("Kafka storage format", format, cluster.log(node), FORMAT_TIMEOUT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory, e);
        }
        try {
            nodes.forEach(cluster::launch);
            KafkaBroker.awaitReachable(
                    cluster.bootstrapServers(), READY_TIMEOUT, null, cluster.security.toolsClientSettings());
            cluster.awaitBrokers(size, READY_TIMEOUT);
            try (Admin admin = cluster.admin()) {
                cluster.security.provision(admin, Topics.PARTITIONS, (short) Math.min(3, size));
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * One node's configuration: broker and voter of a static controller quorum on loopback; three replicas and two in
     * sync for every topic (internal ones included); a node that stops heartbeating is fenced after 6 s and a follower
     * that stops fetching leaves the in-sync set after 10 s. SASL on both listeners and ACLs, as on the launcher's
     * broker ({@link KafkaSecurity}); topics are created by the suite's tools principal only.
     */
    static String serverProperties(
            int id, int port, int controllerPort, String voters, Path data, KafkaSecurity security) {
        return """
                # written by the coffeeshop fault-injection suite
                process.roles=broker,controller
                node.id=%1$d
                controller.quorum.voters=%4$s
                listeners=BROKER://127.0.0.1:%2$d,CONTROLLER://127.0.0.1:%3$d
                advertised.listeners=BROKER://127.0.0.1:%2$d
                inter.broker.listener.name=BROKER
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT
                log.dirs=%5$s
                num.partitions=6
                default.replication.factor=3
                min.insync.replicas=2
                unclean.leader.election.enable=false
                auto.create.topics.enable=false
                offsets.topic.replication.factor=3
                offsets.topic.num.partitions=6
                transaction.state.log.replication.factor=3
                transaction.state.log.min.isr=2
                transaction.state.log.num.partitions=6
                share.coordinator.state.topic.replication.factor=3
                share.coordinator.state.topic.min.isr=2
                broker.heartbeat.interval.ms=1000
                broker.session.timeout.ms=6000
                replica.lag.time.max.ms=10000
                group.initial.rebalance.delay.ms=0
                num.network.threads=2
                num.io.threads=2
                num.replica.fetchers=1
                num.recovery.threads.per.data.dir=1
                log.retention.hours=24
                """.formatted(id, port, controllerPort, voters, data.toString().replace('\\', '/'))
                + security.serverProperties("BROKER", "CONTROLLER");
    }

    private List<String> java(NodeProcess node) {
        return KafkaBroker.javaCommand(
                StackSettings.DEFAULT_KAFKA_JVM_OPTIONS, node.home.resolve("log4j2.properties"), classpath);
    }

    private Path log(NodeProcess node) {
        return directory.resolve("logs").resolve("kafka-" + node.id + ".log");
    }

    private void launch(NodeProcess node) {
        var command = new ArrayList<>(java(node));
        command.addAll(
                List.of("kafka.Kafka", node.home.resolve("server.properties").toString()));
        node.process = ChildProcess.start("kafka-" + node.id, command, Map.of(), node.home, log(node));
    }

    private void awaitBrokers(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    int live = admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .size();
                    if (live >= expected) {
                        return;
                    }
                } catch (Exception notYet) {
                    if (notYet instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new StackStartupException("interrupted while waiting for the cluster", notYet);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new StackStartupException(
                            "the Kafka cluster did not have " + expected + " live brokers within " + timeout);
                }
                pause();
            }
        }
    }

    /** Every node's client address: clients find the live ones themselves. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port).collect(Collectors.joining(","));
    }

    public List<Integer> nodeIds() {
        return IntStream.rangeClosed(1, nodes.size()).boxed().toList();
    }

    public long pid(int node) {
        return node(node).process.pid();
    }

    /** The node leading a partition now, as the cluster's metadata says. */
    public int leaderOf(String topic, int partition) {
        try (Admin admin = admin()) {
            Node leader = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .get(partition)
                    .leader();
            if (leader == null) {
                throw new IllegalStateException(topic + "-" + partition + " has no leader");
            }
            return leader.id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot find the leader of " + topic + "-" + partition, e);
        }
    }

    /** {@code kill -9}: the node dies without a word to anyone, its page cache flushed or not. */
    public void kill(int node) {
        node(node).process.kill();
    }

    /** Starts a stopped or killed node again on its data. */
    public void restart(int node) {
        NodeProcess n = node(node);
        if (n.process.isAlive()) {
            throw new IllegalStateException("kafka-" + node + " is running");
        }
        launch(n);
    }

    /** {@code kill -STOP}: the node stays connected but answers nobody, the nastiest kind of slow. */
    public void pause(int node) {
        Signals.send("STOP", List.of(pid(node)));
    }

    public void resume(int node) {
        Signals.send("CONT", List.of(pid(node)));
    }

    /** Waits until every node is a live broker in the cluster's metadata again. */
    public void awaitAllBrokers(Duration timeout) {
        awaitBrokers(nodes.size(), timeout);
    }

    /** An admin client as the tools principal. */
    public Admin admin() {
        var config = new HashMap<String, Object>(security.toolsClientSettings());
        config.putAll(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
        return Admin.create(config);
    }

    /** Who may do what on this cluster, and the passwords: the services' and the suite's tools'. */
    public KafkaSecurity security() {
        return security;
    }

    public Path logDirectory() {
        return directory.resolve("logs");
    }

    private NodeProcess node(int id) {
        if (id < 1 || id > nodes.size()) {
            throw new IllegalArgumentException("no node " + id + " in a cluster of " + nodes.size());
        }
        return nodes.get(id - 1);
    }

    private static void pause() {
        try {
            // the cluster's state is only visible by asking again; a short pause between asks
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartupException("interrupted", e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    @Override
    public void close() {
        for (NodeProcess node : nodes) {
            if (node.process != null) {
                Signals.trySend("CONT", node.process.pid());
                node.process.stop(STOP_GRACE);
            }
        }
    }
}
