package dev.coffeeshop.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

class RegisteredClientsTests {

    private final org.springframework.security.crypto.password.PasswordEncoder encoder =
            PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void refusesAMachineClientWithoutASecretNamingWhereItComesFrom() {
        var properties = with(Map.of(
                "load-test",
                new IdentityProperties.Client(null, List.of("client_credentials"), Set.of("orders:read"), Set.of())));

        assertThatThrownBy(() -> RegisteredClients.of(properties, encoder))
                .hasMessageContaining("coffeeshop.identity.clients.load-test.secret")
                .hasMessageContaining("COFFEESHOP_IDENTITY_CLIENTS_LOAD_TEST_SECRET");
    }

    @Test
    void refusesAGrantItDoesNotOffer() {
        var properties =
                with(Map.of("old", new IdentityProperties.Client("s", List.of("password"), Set.of(), Set.of())));

        assertThatThrownBy(() -> RegisteredClients.of(properties, encoder)).hasMessageContaining("grant-types");
    }

    @Test
    void refusesABrowserClientWithoutARedirect() {
        var properties = with(
                Map.of("app", new IdentityProperties.Client(null, List.of("authorization_code"), Set.of(), Set.of())));

        assertThatThrownBy(() -> RegisteredClients.of(properties, encoder)).hasMessageContaining("redirect-uris");
    }

    @Test
    void makesAPublicBrowserClientUseProofKeys() {
        var properties = with(Map.of(
                "app",
                new IdentityProperties.Client(
                        null,
                        List.of("authorization_code"),
                        Set.of("orders:read"),
                        Set.of("http://127.0.0.1/callback"))));

        var client = RegisteredClients.of(properties, encoder).findByClientId("app");

        assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
        assertThat(client.getClientSecret()).isNull();
    }

    @Test
    void keepsOnlyTheEncodedSecret() {
        var properties = with(Map.of(
                "tools",
                new IdentityProperties.Client("plain-secret", List.of("client_credentials"), Set.of(), Set.of())));

        var client = RegisteredClients.of(properties, encoder).findByClientId("tools");

        assertThat(client.getClientSecret()).startsWith("{bcrypt}").doesNotContain("plain-secret");
        assertThat(encoder.matches("plain-secret", client.getClientSecret())).isTrue();
    }

    private static IdentityProperties with(Map<String, IdentityProperties.Client> clients) {
        return new IdentityProperties(
                URI.create("http://identity.test"), "coffeeshop", Duration.ofMinutes(10), null, clients, Map.of());
    }
}
