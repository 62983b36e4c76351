package dev.coffeeshop.local.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets the check looks for, as a running stack left them in its data directory. */
class StackSecretsTests {

    @Test
    void knowsTheStacksClientSecretsPasswordsAndKafkaPasswords(@TempDir Path data) throws IOException {
        // given: a stack file as the launcher writes it, and the broker's credentials beside its data
        Files.writeString(data.resolve("stack.properties"), """
                launcher.pid=1
                started=2026-12-02T04\\:00\\:00Z
                components=
                identity.port=9000
                identity.client.tools=tools-secret-0123456789
                identity.person.alice=alice-password-0123456789
                kafka.bootstrap=localhost\\:9092
                kafka.password.order-intake=kafka-intake-0123456789
                """);
        Files.createDirectories(data.resolve("kafka"));
        Files.writeString(data.resolve("kafka/credentials.properties"), "broker=kafka-broker-0123456789\n");
        var notes = new ArrayList<String>();

        // when
        Map<String, String> secrets =
                StackSecrets.of(data, Map.of("ORDER_INTAKE_DATABASE_PASSWORD", "given-database-password"), notes);

        // then
        assertThat(secrets)
                .containsEntry("the client secret of tools", "tools-secret-0123456789")
                .containsEntry("the password of alice", "alice-password-0123456789")
                .containsEntry("the Kafka password of order-intake", "kafka-intake-0123456789")
                .containsEntry("the Kafka password of broker", "kafka-broker-0123456789")
                .containsEntry("$ORDER_INTAKE_DATABASE_PASSWORD", "given-database-password");
        assertThat(notes).anySatisfy(note -> assertThat(note)
                .contains("embedded PostgreSQL's passwords are its users' names (intake, barista, notification)"));
    }

    @Test
    void saysWhenThereIsNoStackToKnowSecretsOf(@TempDir Path data) {
        // given
        var notes = new ArrayList<String>();

        // when
        Map<String, String> secrets = StackSecrets.of(data, Map.of(), notes);

        // then
        assertThat(secrets).isEmpty();
        assertThat(notes).anySatisfy(note -> assertThat(note).contains("no stack file"));
    }
}
