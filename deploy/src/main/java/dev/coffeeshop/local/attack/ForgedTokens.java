package dev.coffeeshop.local.attack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens an attacker makes out of a real one: its payload changed after signing, the signature dropped
 * ({@code alg: none}), signed with HMAC and the provider's public key set as the secret (the algorithm confusion
 * attack), or signed with a key of their own under the provider's key id. Built with the JDK's own crypto, so no
 * library can quietly refuse to make a bad token.
 */
final class ForgedTokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private final String header;
    private final String payload;
    private final String keyId;
    private final String signature;

    /** The parts of a real token. */
    ForgedTokens(String realToken) {
        String[] parts = realToken.split("\\.");
        this.header = decode(parts[0]);
        this.payload = decode(parts[1]);
        var kid =
                java.util.regex.Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"").matcher(header);
        this.keyId = kid.find() ? kid.group(1) : "";
        this.signature = parts[2];
    }

    /** The real token with {@code from} replaced by {@code to} in its payload, and its original signature. */
    String tampered(String from, String to) {
        return encode(header) + "." + encode(payload.replace(from, to)) + "." + signature;
    }

    /** The real claims, unsigned. */
    String unsigned() {
        return encode("{\"alg\":\"none\"}") + "." + encode(payload) + ".";
    }

    /** The real claims signed with HS256, the provider's published key set as the HMAC secret. */
    String hmacWithPublicKey(String publishedKeySet) {
        try {
            String signed = encode("{\"alg\":\"HS256\",\"kid\":\"" + keyId + "\"}") + "." + encode(payload);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(publishedKeySet.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signed + "." + URL.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code claims} signed RS256 with a key of the attacker's own, under the provider's key id. */
    String signedByAnotherKey(String claims) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            String signed = encode("{\"alg\":\"RS256\",\"kid\":\"" + keyId + "\"}") + "." + encode(claims);
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real token's claims. */
    String claims() {
        return payload;
    }

    private static String decode(String part) {
        return new String(URL_DECODER.decode(part), StandardCharsets.UTF_8);
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
