package dev.coffeeshop.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The RSA key tokens are signed with (RS256), its key id the RFC 7638 thumbprint of its public half, so the same key
 * always has the same id and a resource server can tell a new key from an old one.
 */
final class SigningKey {

    private static final int GENERATED_BITS = 2048;

    private SigningKey() {}

    /** The key in {@code pemFile} (PKCS#8, {@code -----BEGIN PRIVATE KEY-----}), or a new one when null. */
    static RSAKey load(@Nullable Path pemFile) {
        try {
            RSAPrivateCrtKey privateKey = pemFile == null ? generated() : read(pemFile);
            var publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            var key = new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256);
            return key.keyID(key.build().computeThumbprint().toString()).build();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Cannot make the token signing key: " + e.getMessage(), e);
        }
    }

    private static RSAPrivateCrtKey generated() throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(GENERATED_BITS);
        return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    }

    private static RSAPrivateCrtKey read(Path pemFile) throws GeneralSecurityException {
        String pem;
        try {
            pem = Files.readString(pemFile);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the signing key " + pemFile + ": " + e.getMessage(), e);
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(pemFile + " holds no PKCS#8 private key (" + begin
                    + "); convert one with openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        if (!(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))
                instanceof RSAPrivateCrtKey key)) {
            throw new IllegalStateException(pemFile + " holds an RSA key without its CRT parameters");
        }
        return key;
    }
}
