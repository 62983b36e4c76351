package dev.coffeeshop.local.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running stack left for other commands: which processes it started, on which ports, with which logs. Written
 * once the stack is up, removed when it stops ({@code <data>/stack.properties}).
 */
public final class StackFile {

    private static final String NAME = "stack.properties";

    private StackFile() {}

    /**
     * The stack as written: who started it, when, its components, its identity provider with the secrets of its
     * clients and people, which the other commands ({@code demo}, {@code token}, {@code people}) use, and its Kafka
     * with the services' passwords, with which {@code attack} acts as a compromised service.
     */
    public record Snapshot(
            long launcherPid,
            Instant startedAt,
            List<LocalStack.Component> components,
            Optional<Identity> identity,
            Optional<KafkaLogins> kafka) {}

    /**
     * Where the stack's Kafka listens and each service's SCRAM password there, by principal; written only for a broker
     * the launcher secured itself.
     */
    public record KafkaLogins(String bootstrapServers, Map<String, String> passwords) {

        public KafkaLogins {
            passwords = Map.copyOf(passwords);
        }
    }

    static void write(LocalStack stack) {
        var properties = new Properties();
        properties.setProperty(
                "launcher.pid", Long.toString(ProcessHandle.current().pid()));
        properties.setProperty("started", Instant.now().toString());
        var names = new ArrayList<String>();
        for (LocalStack.Component component : stack.components()) {
            names.add(component.name());
            properties.setProperty(component.name() + ".pid", Long.toString(component.pid()));
            properties.setProperty(component.name() + ".port", Integer.toString(component.port()));
            properties.setProperty(component.name() + ".log", component.log().toString());
            component.baseUrl().ifPresent(url -> properties.setProperty(component.name() + ".url", url.toString()));
            component
                    .managementUrl()
                    .ifPresent(url -> properties.setProperty(component.name() + ".management.url", url.toString()));
        }
        properties.setProperty("components", String.join(",", names));
        var identity = stack.settings().identity();
        properties.setProperty("identity.port", Integer.toString(identity.port()));
        identity.secrets().forEach((client, secret) -> properties.setProperty("identity.client." + client, secret));
        identity.people().forEach((person, password) -> properties.setProperty("identity.person." + person, password));
        KafkaSecurity kafka = stack.kafkaSecurity();
        if (kafka != null) {
            properties.setProperty("kafka.bootstrap", stack.kafkaBootstrapServers());
            kafka.servicePasswords()
                    .forEach((principal, password) -> properties.setProperty("kafka.password." + principal, password));
        }
        Path file = stack.settings().dataDirectory().resolve(NAME);
        try {
            Path temporary = file.resolveSibling(NAME + ".tmp");
            Files.deleteIfExists(temporary);
            // it holds the identity provider's and the services' secrets: readable by its owner only, where the file
            // system allows
            try {
                Files.createFile(
                        temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temporary);
            }
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "the running coffeeshop stack; removed when it stops");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static Optional<Snapshot> read(Path dataDirectory) {
        Path file = dataDirectory.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        var components = new ArrayList<LocalStack.Component>();
        for (String name : properties.getProperty("components", "").split(",")) {
            if (name.isBlank()) {
                continue;
            }
            components.add(new LocalStack.Component(
                    name,
                    Long.parseLong(properties.getProperty(name + ".pid", "-1")),
                    Integer.parseInt(properties.getProperty(name + ".port", "-1")),
                    Optional.ofNullable(properties.getProperty(name + ".url")).map(URI::create),
                    Optional.ofNullable(properties.getProperty(name + ".management.url"))
                            .map(URI::create),
                    Path.of(properties.getProperty(name + ".log", ""))));
        }
        return Optional.of(new Snapshot(
                Long.parseLong(properties.getProperty("launcher.pid", "-1")),
                Instant.parse(properties.getProperty("started", Instant.EPOCH.toString())),
                components,
                identity(properties),
                kafka(properties)));
    }

    private static Optional<KafkaLogins> kafka(Properties properties) {
        String bootstrap = properties.getProperty("kafka.bootstrap");
        if (bootstrap == null) {
            return Optional.empty();
        }
        var passwords = new LinkedHashMap<String, String>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("kafka.password.")) {
                passwords.put(name.substring("kafka.password.".length()), properties.getProperty(name));
            }
        }
        return Optional.of(new KafkaLogins(bootstrap, passwords));
    }

    private static Optional<Identity> identity(Properties properties) {
        String port = properties.getProperty("identity.port");
        if (port == null) {
            return Optional.empty();
        }
        var secrets = new java.util.LinkedHashMap<String, String>();
        var people = new java.util.LinkedHashMap<String, String>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("identity.client.")) {
                secrets.put(name.substring("identity.client.".length()), properties.getProperty(name));
            } else if (name.startsWith("identity.person.")) {
                people.put(name.substring("identity.person.".length()), properties.getProperty(name));
            }
        }
        return Optional.of(new Identity(Integer.parseInt(port), secrets, people));
    }

    static void delete(Path dataDirectory) {
        try {
            Files.deleteIfExists(dataDirectory.resolve(NAME));
        } catch (IOException ignored) {
            // a stale file is recognised by its dead launcher pid
        }
    }
}
