package dev.coffeeshop.local.stack;

import dev.coffeeshop.events.KafkaAccess;
import dev.coffeeshop.events.KafkaAcls;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Who may do what on the launcher's Kafka: SASL/SCRAM-SHA-512 on every client listener, a principal per service with
 * the ACLs {@link KafkaAccess} describes, the operator's tools principal ({@value KafkaAccess#TOOLS}) and the brokers'
 * own ({@value KafkaAccess#BROKER}), both super users. KRaft's {@code StandardAuthorizer} denies whatever no ACL
 * allows.
 *
 * <p>The broker's and the tools' passwords are made when the broker's storage is formatted (SCRAM credentials live in
 * the cluster's metadata, so they must exist before it first starts) and kept beside the data, readable by its owner
 * only, in {@value #FILE}; each service's password is new on every start of the stack and reaches the service only
 * through its environment ({@code KAFKA_USERNAME}, {@code KAFKA_PASSWORD}). None is printed or logged.
 *
 * <p>The controller listener takes SASL/PLAIN with the broker's password, set in the broker's configuration (SCRAM
 * credentials are cluster metadata, which a controller cannot need in order to serve it). It is bound to loopback and
 * not advertised to clients.
 */
public final class KafkaSecurity {

    /** Where the broker's and the tools' passwords are kept, beside the broker's data, mode 0600. */
    static final String FILE = "credentials.properties";

    static final String MECHANISM = "SCRAM-SHA-512";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String brokerPassword;
    private final String toolsPassword;
    private final Map<String, String> servicePasswords;

    private KafkaSecurity(String brokerPassword, String toolsPassword, Map<String, String> servicePasswords) {
        this.brokerPassword = brokerPassword;
        this.toolsPassword = toolsPassword;
        this.servicePasswords = Map.copyOf(servicePasswords);
    }

    /** New passwords for everyone. */
    public static KafkaSecurity generate() {
        var services = new LinkedHashMap<String, String>();
        KafkaAccess.services().forEach(s -> services.put(s.principal(), password()));
        return new KafkaSecurity(password(), password(), services);
    }

    /** These broker and tools passwords with new ones for the services: a restart of the stack on the same data. */
    KafkaSecurity withNewServicePasswords() {
        return new KafkaSecurity(brokerPassword, toolsPassword, generate().servicePasswords);
    }

    /** A password of 192 random bits, in characters that need no quoting anywhere (URL-safe Base64). */
    static String password() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The broker's and the tools' passwords kept in {@code home}, with new ones for the services. */
    static KafkaSecurity read(Path home) {
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(home.resolve(FILE), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + home.resolve(FILE), e);
        }
        return new KafkaSecurity(
                        properties.getProperty(KafkaAccess.BROKER), properties.getProperty(KafkaAccess.TOOLS), Map.of())
                .withNewServicePasswords();
    }

    static boolean isKeptIn(Path home) {
        return Files.isRegularFile(home.resolve(FILE));
    }

    /** Keeps the broker's and the tools' passwords in {@code home}, readable and writable by the owner only. */
    void keepIn(Path home) {
        Path file = home.resolve(FILE);
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            var properties = new Properties();
            properties.setProperty(KafkaAccess.BROKER, brokerPassword);
            properties.setProperty(KafkaAccess.TOOLS, toolsPassword);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                properties.store(out, "Kafka passwords of the coffeeshop launcher's broker; keep private");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The broker's settings for SASL, given the names of its client listener (also the one between brokers) and its
     * controller listener.
     */
    String serverProperties(String clientListener, String controllerListener) {
        String client = clientListener.toLowerCase(java.util.Locale.ROOT);
        String controller = controllerListener.toLowerCase(java.util.Locale.ROOT);
        return """
                # SASL on every listener; ACLs through KRaft's StandardAuthorizer, nothing allowed without one
                sasl.enabled.mechanisms=%1$s
                sasl.mechanism.inter.broker.protocol=%1$s
                listener.name.%2$s.scram-sha-512.sasl.jaas.config=%4$s
                sasl.mechanism.controller.protocol=PLAIN
                listener.name.%3$s.sasl.enabled.mechanisms=PLAIN
                listener.name.%3$s.plain.sasl.jaas.config=%5$s
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                allow.everyone.if.no.acl.found=false
                super.users=User:%6$s;User:%7$s
                """.formatted(
                        MECHANISM,
                        client,
                        controller,
                        scramJaas(KafkaAccess.BROKER, brokerPassword),
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%1$s\" "
                                        .formatted(KafkaAccess.BROKER)
                                + "password=\"%1$s\" user_%2$s=\"%1$s\";".formatted(brokerPassword, KafkaAccess.BROKER),
                        KafkaAccess.BROKER,
                        KafkaAccess.TOOLS);
    }

    /** {@code kafka-storage format} arguments that store the broker's and the tools' SCRAM credentials. */
    List<String> formatArguments() {
        var arguments = new ArrayList<String>();
        for (var user : Map.of(KafkaAccess.BROKER, brokerPassword, KafkaAccess.TOOLS, toolsPassword)
                .entrySet()) {
            arguments.add("--add-scram");
            arguments.add("%s=[name=%s,password=%s]".formatted(MECHANISM, user.getKey(), user.getValue()));
        }
        return arguments;
    }

    /** How the launcher's own tools connect: as {@value KafkaAccess#TOOLS}. */
    public Map<String, Object> toolsClientSettings() {
        return clientSettings(KafkaAccess.TOOLS, toolsPassword);
    }

    /** What a service reads to connect as itself (see {@code dev.coffeeshop.messaging.KafkaCredentials}). */
    Map<String, String> serviceEnvironment(Service service) {
        String password = servicePasswords.get(service.moduleName());
        if (password == null) {
            throw new IllegalArgumentException("no Kafka principal for " + service.moduleName());
        }
        return Map.of("KAFKA_USERNAME", service.moduleName(), "KAFKA_PASSWORD", password);
    }

    /** Each service's password, by principal. */
    Map<String, String> servicePasswords() {
        return servicePasswords;
    }

    /** Client settings for a SCRAM user over SASL_PLAINTEXT. */
    public static Map<String, Object> clientSettings(String username, String password) {
        var settings = new HashMap<String, Object>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        settings.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaas(username, password));
        return settings;
    }

    private static String scramJaas(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";"
                .formatted(username, password);
    }

    /**
     * As the tools principal: sets each service's password (replacing the last run's), grants each service what
     * {@link KafkaAccess} says, and creates every topic the services use that is missing, so that no service needs to
     * create one.
     */
    void provision(Admin admin, int partitions, short replicationFactor) {
        try {
            var upserts = servicePasswords.entrySet().stream()
                    .map(s -> (org.apache.kafka.clients.admin.UserScramCredentialAlteration)
                            new UserScramCredentialUpsertion(
                                    s.getKey(),
                                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                                    s.getValue()))
                    .toList();
            admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls()).all().get(30, TimeUnit.SECONDS);
            var topics = KafkaAccess.topics().stream()
                    .map(t -> new NewTopic(t, partitions, replicationFactor))
                    .toList();
            for (var created : admin.createTopics(topics).values().values()) {
                try {
                    created.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartupException("interrupted while setting up Kafka's users", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StackStartupException(
                    "cannot set up Kafka's users, ACLs and topics: " + (e.getCause() == null ? e : e.getCause()), e);
        }
    }

    /** Every service's ACLs, as {@link KafkaAccess} describes them. */
    static List<AclBinding> acls() {
        return KafkaAcls.ofServices();
    }

    /** Every password, for tests that look for them where they must not be. */
    List<String> passwords() {
        var all = new ArrayList<>(servicePasswords.values());
        all.add(brokerPassword);
        all.add(toolsPassword);
        return all;
    }

    @Override
    public String toString() {
        return "KafkaSecurity[passwords hidden]";
    }
}
