package dev.coffeeshop.local.logs;

import dev.coffeeshop.local.stack.AccessTokens;
import dev.coffeeshop.local.stack.Identity;
import dev.coffeeshop.local.stack.LocalStack;
import dev.coffeeshop.local.stack.Service;
import dev.coffeeshop.local.stack.StackFile;
import dev.coffeeshop.local.stack.StackSettings;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running local stack's secrets, by what each is: what the launcher wrote in its stack file (the identity
 * provider's client secrets and people's passwords, the services' Kafka passwords), the broker's and the tools' Kafka
 * passwords kept beside the broker's data, the signing secret of the demo's webhook receiver (asked of the
 * notification service as staff, the way the demo asks), and the database passwords and webhook signing keys the
 * user's environment gives the stack.
 */
final class StackSecrets {

    private static final List<String> ENVIRONMENT = List.of(
            "ORDER_INTAKE_DATABASE_PASSWORD",
            "BARISTA_WORKER_DATABASE_PASSWORD",
            "NOTIFICATION_SERVICE_DATABASE_PASSWORD",
            "COFFEESHOP_NOTIFICATION_WEBHOOK_SIGNING_KEY",
            "COFFEESHOP_NOTIFICATION_WEBHOOK_PREVIOUS_SIGNING_KEY",
            "COFFEESHOP_IDENTITY_CLIENTS_TOOLS_SECRET",
            "COFFEESHOP_IDENTITY_CLIENTS_OPERATOR_SECRET");

    private StackSecrets() {}

    /** The secrets of the stack whose data directory is {@code data}, and notes on what could not be had. */
    static Map<String, String> of(Path data, Map<String, String> environment, List<String> notes) {
        var secrets = new LinkedHashMap<String, String>();
        var snapshot = StackFile.read(data);
        if (snapshot.isEmpty()) {
            notes.add("no stack file in " + data
                    + ": the stack's own secrets are not known, only patterns are looked for");
        }
        snapshot.flatMap(StackFile.Snapshot::identity).ifPresent(identity -> {
            identity.secrets().forEach((client, secret) -> secrets.put("the client secret of " + client, secret));
            identity.people().forEach((person, password) -> secrets.put("the password of " + person, password));
        });
        snapshot.flatMap(StackFile.Snapshot::kafka).ifPresent(kafka -> kafka.passwords()
                .forEach((principal, password) -> secrets.put("the Kafka password of " + principal, password)));
        kafkaCredentialFiles(data).forEach(file -> kafkaCredentials(file, secrets));
        // the embedded PostgreSQL's users have their own names for passwords (PostgresServer), which the logs name in
        // every JDBC URL: nothing to look for, said so; a database given in the environment has its password below
        var embedded = java.util.Arrays.stream(Service.values())
                .filter(service -> environment.get(service.environmentPrefix() + "_DATABASE_URL") == null)
                .map(Service::database)
                .toList();
        if (!embedded.isEmpty()) {
            notes.add("the embedded PostgreSQL's passwords are its users' names (" + String.join(", ", embedded)
                    + "), no secret: not looked for");
        }
        ENVIRONMENT.forEach(name -> {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                secrets.put("$" + name, value);
            }
        });
        snapshot.ifPresent(s -> webhookSecret(s, notes)
                .ifPresent(secret -> secrets.put("the webhook signing secret of the demo's receiver", secret)));
        return secrets;
    }

    /** The broker's and the tools' passwords, in each Kafka node's {@code credentials.properties}. */
    private static List<Path> kafkaCredentialFiles(Path data) {
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> files = Files.find(
                data, 4, (path, attributes) -> path.getFileName().toString().equals("credentials.properties"))) {
            return files.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void kafkaCredentials(Path file, Map<String, String> secrets) {
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            return;
        }
        properties
                .stringPropertyNames()
                .forEach(name -> secrets.put("the Kafka password of " + name, properties.getProperty(name)));
    }

    /**
     * The secret the notification service signs the demo receiver's webhooks with ({@code ./coffeeshop demo --webhooks
     * 9999}); each receiver's origin has its own, derived from the service's signing key.
     */
    private static java.util.Optional<String> webhookSecret(StackFile.Snapshot snapshot, List<String> notes) {
        var notification = snapshot.components().stream()
                .filter(c -> c.name().equals("notification-service"))
                .findFirst()
                .flatMap(LocalStack.Component::baseUrl);
        if (notification.isEmpty() || snapshot.identity().isEmpty()) {
            return java.util.Optional.empty();
        }
        Identity identity = snapshot.identity().get();
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String receiver = "http://localhost:" + StackSettings.DEMO_WEBHOOK_PORT + "/";
        try {
            var tokens = AccessTokens.forOperator(identity, http);
            var request = HttpRequest.newBuilder(URI.create(notification.get() + "/staff/webhooks/secret?url="
                            + URLEncoder.encode(receiver, StandardCharsets.UTF_8)))
                    .header("Authorization", tokens.header())
                    .timeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                notes.add("the notification service answered " + response.statusCode()
                        + " for the webhook secret: it is not looked for");
                return java.util.Optional.empty();
            }
            String secret = JsonMapper.builder()
                    .build()
                    .readTree(response.body())
                    .path("secret")
                    .asString();
            return secret.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(secret);
        } catch (IOException | RuntimeException e) {
            notes.add("could not ask the notification service for the webhook secret (" + e.getMessage()
                    + "): it is not looked for");
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
