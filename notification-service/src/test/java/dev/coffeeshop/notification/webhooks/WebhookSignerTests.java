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

    private static WebhookProperties properties(String key) {
        return new WebhookProperties(key, List.of(), 8, null, null, null, null, null, 50, null);
    }
}
