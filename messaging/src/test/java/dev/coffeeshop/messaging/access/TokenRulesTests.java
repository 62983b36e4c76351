package dev.coffeeshop.messaging.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenRulesTests {

    @Test
    void needsAnIssuerAndSaysWhereToSetIt() {
        assertThatThrownBy(() -> new TokenRules(null, null, "coffeeshop", Duration.ofSeconds(30), Set.of("RS256")))
                .hasMessageContaining("coffeeshop.security.issuer")
                .hasMessageContaining("COFFEESHOP_SECURITY_ISSUER");
    }

    @Test
    void acceptsOnlyAsymmetricAlgorithms() {
        assertThatThrownBy(() -> rules(Set.of("RS256", "HS256"))).hasMessageContaining("asymmetric");
        assertThatThrownBy(() -> rules(Set.of("none"))).hasMessageContaining("asymmetric");
        assertThatThrownBy(() -> rules(Set.of())).hasMessageContaining("asymmetric");
    }

    @Test
    void readsTheKeysFromTheIssuerUnlessToldOtherwise() {
        var byIssuer = rules(Set.of("RS256"));
        var elsewhere = new TokenRules(
                URI.create("http://localhost:9000"),
                URI.create("http://identity-provider:9000/oauth2/jwks"),
                "coffeeshop",
                Duration.ofSeconds(30),
                Set.of("RS256"));

        assertThat(byIssuer.keys()).hasToString("http://localhost:9000/oauth2/jwks");
        assertThat(elsewhere.keys()).hasToString("http://identity-provider:9000/oauth2/jwks");
    }

    @Test
    void refusesAClockSkewThatWouldKeepExpiredTokensAlive() {
        assertThatThrownBy(() -> new TokenRules(
                        URI.create("http://localhost:9000"), null, "coffeeshop", Duration.ofHours(1), Set.of("RS256")))
                .hasMessageContaining("clock-skew");
    }

    private static TokenRules rules(Set<String> algorithms) {
        return new TokenRules(
                URI.create("http://localhost:9000"), null, "coffeeshop", Duration.ofSeconds(30), algorithms);
    }
}
