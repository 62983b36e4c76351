package dev.coffeeshop.local.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What counts as a secret in a log line, and what does not. */
class SecretScanTests {

    static final String KAFKA_PASSWORD = "q3Xv8_Zr1LmN0pQ2sT4uW6yA8bC0dE2f";

    final SecretScan scan = new SecretScan(
            Map.of("the Kafka password of order-intake", KAFKA_PASSWORD, "the database password of intake", "intake"));

    @Test
    void findsAKnownSecretByWhatItIsAndNeverQuotesIt() {
        // given
        String line = "{\"message\":\"connecting with sasl.jaas.config password=\\\"" + KAFKA_PASSWORD + "\\\"\"}";

        // when
        var findings = scan.scan(line);

        // then
        assertThat(findings).extracting(SecretScan.Finding::what).containsExactly("the Kafka password of order-intake");
        assertThat(findings.toString()).doesNotContain(KAFKA_PASSWORD);
    }

    @Test
    void leavesOutKnownValuesTooShortToTellFromOrdinaryWords() {
        // given: the embedded database's password is its user's and database's name
        String line = "HikariPool-1 - Added connection to jdbc:postgresql://127.0.0.1:5432/intake";

        // when / then
        assertThat(scan.scan(line)).isEmpty();
        assertThat(scan.knownSecrets()).isEqualTo(1);
        assertThat(SecretScan.tooShort(Map.of("the database password of intake", "intake")))
                .containsExactly("the database password of intake");
    }

    @Test
    void findsABearerTokenByItsShape() {
        // given: a JWT of three base64url parts
        String token = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJ0b29scyIsInNjb3BlIjoib3JkZXJzIn0.c2lnbmF0dXJl";

        // when / then
        assertThat(scan.scan("rejected token " + token + " for /orders"))
                .extracting(SecretScan.Finding::what)
                .containsExactly("a bearer token (JWT)");
        // a token with its signature stripped is a token all the same
        assertThat(scan.scan("token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."))
                .extracting(SecretScan.Finding::what)
                .containsExactly("a bearer token (JWT)");
    }

    @Test
    void findsTheValueOfAnAuthorizationHeader() {
        assertThat(scan.scan("headers: {Authorization: Basic dG9vbHM6c2VjcmV0LXZhbHVl}"))
                .extracting(SecretScan.Finding::what)
                .containsExactly("an Authorization header's value");
        assertThat(scan.scan("\"authorization\":\"Bearer opaque-token-0123456789abcdef\""))
                .extracting(SecretScan.Finding::what)
                .containsExactly("an Authorization header's value");
        assertThat(scan.scan("sent Bearer 0123456789abcdefghijKLMNOP to the provider"))
                .extracting(SecretScan.Finding::what)
                .containsExactly("a bearer token");
    }

    @Test
    void findsAPrivateKey() {
        assertThat(scan.scan("-----BEGIN PRIVATE KEY-----"))
                .extracting(SecretScan.Finding::what)
                .containsExactly("a private key");
    }

    @Test
    void findsCardNumbersWrittenTogetherOrInGroups() {
        assertThat(scan.scan("card 4111111111111111 declined"))
                .extracting(SecretScan.Finding::what)
                .containsExactly("a card number");
        assertThat(scan.scan("card 4242 4242 4242 4242"))
                .extracting(SecretScan.Finding::what)
                .containsExactly("a card number");
        assertThat(scan.scan("amex 3782-822463-10005"))
                .extracting(SecretScan.Finding::what)
                .containsExactly("a card number");
        assertThat(scan.scan("{\"pan\":\"5555555555554444\"}"))
                .extracting(SecretScan.Finding::what)
                .containsExactly("a card number");
    }

    @Test
    void takesNoOrdinaryLineForASecret() {
        // given: what the services' lines are full of
        var lines = new String[] {
            "{\"@timestamp\":\"2026-12-02T04:00:01.123456789Z\",\"log\":{\"level\":\"INFO\"},\"order\":{\"id\":\""
                    + UUID.randomUUID() + "\"},\"trace\":{\"id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"},"
                    + "\"span\":{\"id\":\"00f067aa0ba902b7\"},\"message\":\"Order placed\"}",
            "order 12345678-1234-1234-1234-123456789012 placed at 1764648001123 (epoch ms) after 1764648001123456789 ns",
            "[2026-12-02 04:00:01,234] INFO [Partition coffeeshop.intake.orders-3 broker=1] offset 4111111111111 (kafka)",
            "2026-12-02 04:00:01.234 UTC [12345] LOG:  checkpoint complete: wrote 4111 buffers; distance=4242424 kB",
            "WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"Jwt expired\"",
            "Bearer authentication failed for /orders",
            "version 4.1.2, pid 4111111, port 9092, 10.0.0.1:9092, sha 4111111111111111abc",
            "traceparent 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        };

        // when / then
        for (String line : lines) {
            assertThat(scan.scan(line)).as(line).isEmpty();
        }
    }

    @Test
    void checksLuhnAndTheCardNetworksFirstDigits() {
        assertThat(SecretScan.isCardNumber("4111111111111111")).isTrue();
        assertThat(SecretScan.isCardNumber("4111111111111112")).isFalse();
        // Luhn-valid, but no card network's number starts with 1: an epoch time in milliseconds
        assertThat(SecretScan.luhn("1764648001121")).isTrue();
        assertThat(SecretScan.isCardNumber("1764648001121")).isFalse();
        assertThat(SecretScan.isCardNumber("411111111111")).isFalse();
    }
}
