package dev.coffeeshop.local.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./coffeeshop logs --check-secrets} over a directory of logs. */
class LogsCheckTests {

    static final String SECRET = "tools-client-secret-0123456789";

    @Test
    void namesTheFileLineAndKindOfEverySecretFoundAndFails(@TempDir Path logs) throws IOException {
        // given
        Files.writeString(logs.resolve("order-intake.log"), "clean\nclient_secret=" + SECRET + "\nclean\n");
        Files.writeString(logs.resolve("kafka.log"), "card 4111 1111 1111 1111\n");
        var out = new ByteArrayOutputStream();

        // when
        int exit = Logs.check(
                logs,
                Map.of("the client secret of tools", SECRET),
                new ArrayList<>(),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        // then
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(report)
                .contains(logs.resolve("order-intake.log") + ":2: the client secret of tools")
                .contains(logs.resolve("kafka.log") + ":1: a card number")
                .contains("2 found.")
                .doesNotContain(SECRET);
    }

    @Test
    void passesCleanLogsAndSaysWhatItLookedFor(@TempDir Path logs) throws IOException {
        // given
        Files.writeString(logs.resolve("order-intake.log"), "{\"message\":\"Order placed\"}\n");
        var out = new ByteArrayOutputStream();

        // when
        int exit = Logs.check(
                logs,
                Map.of("the client secret of tools", SECRET, "the database password of intake", "intake"),
                new ArrayList<>(),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        // then
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Checked 1 lines in 1 logs (order-intake) for 1 of the stack's secrets")
                .contains("not looked for, shorter than 8 characters: the database password of intake")
                .contains("none found.");
    }
}
