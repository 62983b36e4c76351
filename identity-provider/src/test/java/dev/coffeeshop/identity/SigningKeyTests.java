package dev.coffeeshop.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTests {

    @TempDir
    Path directory;

    @Test
    void readsTheSameKeyUnderTheSameIdEveryTime() throws Exception {
        var pem = directory.resolve("signing-key.pem");
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        Files.writeString(
                pem,
                "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8)
                        + "\n-----END PRIVATE KEY-----\n");

        var first = SigningKey.load(pem);
        var second = SigningKey.load(pem);

        assertThat(first.getKeyID())
                .isEqualTo(second.getKeyID())
                .isEqualTo(first.computeThumbprint().toString());
        assertThat(first.toRSAPublicKey()).isEqualTo(second.toRSAPublicKey());
        assertThat(first.isPrivate()).isTrue();
    }

    @Test
    void makesADifferentKeyForEachRunWithoutAFile() {
        assertThat(SigningKey.load(null).getKeyID())
                .isNotEqualTo(SigningKey.load(null).getKeyID());
    }

    @Test
    void saysWhatIsWrongWithAFileWithoutAKey() throws Exception {
        var pem = directory.resolve("not-a-key.pem");
        Files.writeString(pem, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> SigningKey.load(pem))
                .hasMessageContaining("no PKCS#8 private key")
                .hasMessageContaining("openssl pkcs8");
    }
}
