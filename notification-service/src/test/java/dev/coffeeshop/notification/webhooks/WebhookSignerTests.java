package dev.coffeeshop.notification.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTests {

    final WebhookSigner signer = new WebhookSigner(properties("master-key"));

    @Test
    void signsTheTimestampAndTheBodyAsTheDocumentationSays() throws Exception {
        // given
        URI url = URI.create("https://ada.example/hooks");
        byte[] body = "{\"kind\":\"RECEIVED\"}".getBytes(StandardCharsets.UTF_8);

        // when
        String header = signer.signature(url, 1_700_000_000L, body);

        // then
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(signer.secretFor(url).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of()
                .formatHex(mac.doFinal("1700000000.{\"kind\":\"RECEIVED\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(header).isEqualTo("t=1700000000,v1=" + expected);
    }

    @Test
    void givesEachOriginItsOwnSecretAndOneOriginOneSecret() {
        assertThat(signer.secretFor(URI.create("https://ada.example/a")))
                .isEqualTo(signer.secretFor(URI.create("HTTPS://Ada.Example:443/b?c")))
                .isNotEqualTo(signer.secretFor(URI.create("https://ada.example:8443/a")))
                .isNotEqualTo(signer.secretFor(URI.create("http://ada.example/a")))
                .isNotEqualTo(signer.secretFor(URI.create("https://bob.example/a")));
    }

    @Test
    void derivesOtherSecretsFromAnotherMasterKey() {
        URI url = URI.create("https://ada.example/a");

        assertThat(new WebhookSigner(properties("another-key")).secretFor(url)).isNotEqualTo(signer.secretFor(url));
    }

    @Test
    void signsUnderBothKeysWhileTheKeyIsRotated() throws Exception {
        // given: the old key is "master-key", as above
        var rotating = new WebhookSigner(properties("new-key", "master-key"));
        URI url = URI.create("https://ada.example/hooks");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        // when
        String header = rotating.signature(url, 1_700_000_000L, body);

        // then: a receiver with its old secret and one with its new secret both find their signature
        String underNew = WebhookSigner.sign(rotating.secretFor(url), 1_700_000_000L, body);
        String underOld = WebhookSigner.sign(signer.secretFor(url), 1_700_000_000L, body);
        assertThat(header).isEqualTo("t=1700000000,v1=" + underNew + ",v1=" + underOld);
        assertThat(rotating.previousSecretFor(url)).contains(signer.secretFor(url));
        assertThat(rotating.secretFor(url)).isNotEqualTo(signer.secretFor(url));
    }

    @Test
    void signsOnceWhenNoKeyIsBeingReplaced() {
        URI url = URI.create("https://ada.example/hooks");

        assertThat(signer.signature(url, 1_700_000_000L, new byte[0]).split(","))
                .hasSize(2);
        assertThat(signer.previousSecretFor(url)).isEmpty();
    }

    private static WebhookProperties properties(String key) {
        return properties(key, null);
    }

    private static WebhookProperties properties(String key, String previous) {
        return new WebhookProperties(key, previous, List.of(), 8, null, null, null, null, null, 50, null);
    }
}
