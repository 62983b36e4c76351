package dev.coffeeshop.notification.webhooks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signs webhook bodies: {@code Coffeeshop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}.
 * Each endpoint origin ({@code scheme://host:port}) has its own secret, derived as HMAC-SHA256(master signing key,
 * origin), so no secret is stored and one leaked secret exposes one receiver only. While the master key is rotated
 * (a previous key configured) the header carries a second {@code v1}, under the previous key's secret; a receiver
 * accepts a delivery when any {@code v1} matches its secret.
 */
@Component
class WebhookSigner {

    public static final String HEADER = "Coffeeshop-Signature";

    private static final Logger log = LoggerFactory.getLogger(WebhookSigner.class);

    private final byte[] masterKey;
    private final @Nullable byte[] previousMasterKey;

    WebhookSigner(WebhookProperties properties) {
        String key = properties.signingKey();
        if (key == null || key.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            this.masterKey = random;
            log.warn("No coffeeshop.notification.webhooks.signing-key configured: webhook secrets are random and change"
                    + " with every restart");
        } else {
            this.masterKey = key.getBytes(StandardCharsets.UTF_8);
        }
        String previous = properties.previousSigningKey();
        this.previousMasterKey =
                previous == null || previous.isBlank() ? null : previous.getBytes(StandardCharsets.UTF_8);
    }

    /** The secret the receiver at {@code url} verifies signatures with. */
    public String secretFor(URI url) {
        return secret(masterKey, url);
    }

    /** While the master key is rotated, the secret the receiver at {@code url} had before. */
    public Optional<String> previousSecretFor(URI url) {
        return Optional.ofNullable(previousMasterKey).map(key -> secret(key, url));
    }

    /** The signature header's value for {@code body} sent to {@code url} at {@code epochSecond}. */
    public String signature(URI url, long epochSecond, byte[] body) {
        String header = "t=" + epochSecond + ",v1=" + sign(secretFor(url), epochSecond, body);
        return previousSecretFor(url)
                .map(previous -> header + ",v1=" + sign(previous, epochSecond, body))
                .orElse(header);
    }

    private static String secret(byte[] masterKey, URI url) {
        return HexFormat.of().formatHex(hmac(masterKey, origin(url)));
    }

    /** The hex HMAC-SHA256 of {@code t + "." + body} under {@code secret}: what a receiver recomputes. */
    public static String sign(String secret, long epochSecond, byte[] body) {
        byte[] prefix = (epochSecond + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), signed));
    }

    /** {@code scheme://host:port} in lower case, the port always spelled out. */
    static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
