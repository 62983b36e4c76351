package dev.coffeeshop.intake.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator's page's settings: one that could never work stops the start, naming the setting. */
class OperatorPropertiesTests {

    static final URI BARISTA = URI.create("http://localhost:8081");
    static final URI COUNTER = URI.create("http://localhost:8082");
    static final OperatorProperties.SignIn SIGN_IN = new OperatorProperties.SignIn(null, "counter", "openid staff");

    @Test
    void linksAnOrderToItsTraceWhereTheTemplateSays() {
        // given
        var properties = new OperatorProperties(
                BARISTA,
                COUNTER,
                Duration.ofSeconds(2),
                "http://localhost:9411/zipkin/?q=order.id%3D{orderId}&lookback=7d&endTs={endTs}",
                SIGN_IN);
        UUID order = UUID.fromString("3f2b9c1e-0000-4000-8000-000000000001");
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        // when / then
        assertThat(properties.traceOf(order, now))
                .isEqualTo("http://localhost:9411/zipkin/?q=order.id%3D3f2b9c1e-0000-4000-8000-000000000001"
                        + "&lookback=7d&endTs=1796205600000");
        assertThat(new OperatorProperties(BARISTA, COUNTER, Duration.ofSeconds(2), " ", SIGN_IN).traceOf(order, now))
                .isNull();
    }

    @Test
    void refusesSettingsThatCouldNeverWork() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OperatorProperties(
                        URI.create("ftp://barista"), COUNTER, Duration.ofSeconds(2), null, SIGN_IN))
                .withMessageContaining("coffeeshop.operator.barista-worker-url");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OperatorProperties(BARISTA, COUNTER, Duration.ZERO, null, SIGN_IN))
                .withMessageContaining("coffeeshop.operator.timeout");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OperatorProperties(
                        BARISTA, COUNTER, Duration.ofSeconds(2), "http://localhost:9411/zipkin/", SIGN_IN))
                .withMessageContaining("coffeeshop.operator.trace-viewer-url must contain {orderId}");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new OperatorProperties.SignIn(URI.create("localhost:9000"), "counter", "staff"))
                .withMessageContaining("coffeeshop.operator.sign-in.authorization-server");
    }
}
