package dev.coffeeshop.testsupport;

import dev.coffeeshop.events.KafkaAccess;
import dev.coffeeshop.events.KafkaAcls;
import dev.coffeeshop.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.utils.Time;

/**
 * The tests' embedded broker, secured as the launcher's: one KRaft node in this JVM, SASL on both listeners
 * (SCRAM-SHA-512 for clients and between brokers, PLAIN on the loopback-only controller listener), KRaft's
 * {@code StandardAuthorizer} allowing nothing without an ACL, each service a principal of its own with the ACLs
 * {@link KafkaAccess} describes, and the operator's tools principal ({@value KafkaAccess#TOOLS}) a super user. Every
 * principal's SCRAM credential is stored when the storage is formatted; passwords are random per JVM.
 *
 * <p>The services' topics exist before any test runs (the tools principal creates them, as the launcher does); other
 * topics a test names are created on first use, for the tools principal only.
 */
final class SecuredKafka {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String bootstrapServers;
    private final Map<String, String> passwords;

    private SecuredKafka(String bootstrapServers, Map<String, String> passwords) {
        this.bootstrapServers = bootstrapServers;
        this.passwords = Map.copyOf(passwords);
    }

    /** Starts the broker with {@code settings} on top of its own; stopped when the JVM exits. */
    static SecuredKafka start(Map<String, String> settings) {
        var passwords = new LinkedHashMap<String, String>();
        passwords.put(KafkaAccess.BROKER, password());
        passwords.put(KafkaAccess.TOOLS, password());
        KafkaAccess.services().forEach(s -> passwords.put(s.principal(), password()));
        int port = freePort();
        int controllerPort = freePort();
        try {
            Path home = Files.createTempDirectory("coffeeshop-test-kafka");
            Path data = home.resolve("data");
            Path config = home.resolve("server.properties");
            var properties = serverProperties(port, controllerPort, data, passwords.get(KafkaAccess.BROKER));
            properties.putAll(settings);
            var text = new StringBuilder();
            properties.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(config, text, StandardCharsets.UTF_8);
            format(config, passwords);
            var server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
            server.startup();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "stop-test-kafka"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded Kafka", e);
        }
        var kafka = new SecuredKafka("127.0.0.1:" + port, passwords);
        kafka.provision();
        return kafka;
    }

    private static Map<String, String> serverProperties(
            int port, int controllerPort, Path data, String brokerPassword) {
        var p = new LinkedHashMap<String, String>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "BROKER://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "BROKER://127.0.0.1:" + port);
        p.put("inter.broker.listener.name", "BROKER");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512");
        p.put("listener.name.broker.scram-sha-512.sasl.jaas.config", scramJaas(KafkaAccess.BROKER, brokerPassword));
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put(
                "listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%1$s\" password=\"%2$s\" "
                                .formatted(KafkaAccess.BROKER, brokerPassword)
                        + "user_%1$s=\"%2$s\";".formatted(KafkaAccess.BROKER, brokerPassword));
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:" + KafkaAccess.BROKER + ";User:" + KafkaAccess.TOOLS);
        p.put("log.dirs", data.toString());
        // partitions match production topics so concurrency is exercised in tests too
        p.put("num.partitions", Integer.toString(Topics.PARTITIONS));
        p.put("default.replication.factor", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** {@code kafka-storage format}, in this JVM, storing every principal's SCRAM credential. */
    private static void format(Path config, Map<String, String> passwords) {
        var arguments =
                new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        passwords.forEach((user, password) -> {
            arguments.add("--add-scram");
            arguments.add("SCRAM-SHA-512=[name=%s,password=%s]".formatted(user, password));
        });
        var out = new ByteArrayOutputStream();
        int exit = StorageTool.execute(
                arguments.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("cannot format the embedded Kafka's storage: " + out);
        }
    }

    /** As the tools principal: the services' ACLs and topics. */
    private void provision() {
        var config = new HashMap<String, Object>(clientSettings(KafkaAccess.TOOLS));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            admin.createAcls(acls()).all().get(60, TimeUnit.SECONDS);
            admin.createTopics(KafkaAccess.topics().stream()
                            .map(t -> new NewTopic(t, Topics.PARTITIONS, (short) 1))
                            .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the embedded Kafka's ACLs and topics", e);
        }
    }

    /** Every service's ACLs, as {@link KafkaAccess} describes them. */
    static List<AclBinding> acls() {
        return KafkaAcls.ofServices();
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client settings that authenticate as {@code principal}: a service's name or {@value KafkaAccess#TOOLS}. */
    Map<String, Object> clientSettings(String principal) {
        String password = passwords.get(principal);
        if (password == null || principal.equals(KafkaAccess.BROKER)) {
            throw new IllegalArgumentException("no Kafka principal " + principal + " for tests");
        }
        var settings = new HashMap<String, Object>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        settings.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaas(principal, password));
        return settings;
    }

    private static String scramJaas(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";"
                .formatted(username, password);
    }

    private static String password() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
