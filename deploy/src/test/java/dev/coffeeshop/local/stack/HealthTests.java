package dev.coffeeshop.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HealthTests {

    @Test
    void readsTheOverallStatusOfAnActuatorHealthDocument() {
        // given
        String body = """
                {"status":"OUT_OF_SERVICE","components":{"db":{"status":"UP"}}}""";

        // when / then
        assertThat(Health.status(body)).isEqualTo("OUT_OF_SERVICE");
    }

    @Test
    void reportsAnythingElseAsUnknown() {
        // given
        String notJson = "<html>Whitelabel Error Page</html>";

        // when / then
        assertThat(Health.status(notJson)).isEqualTo("UNKNOWN");
    }

    @Test
    void reportsAServiceThatDoesNotAnswerAsUnreachable() {
        // given
        URI nobody = URI.create("http://127.0.0.1:1");

        // when / then
        assertThat(Health.of(nobody)).isEqualTo("UNREACHABLE");
    }
}
