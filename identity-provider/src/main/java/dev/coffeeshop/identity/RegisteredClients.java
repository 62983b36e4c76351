package dev.coffeeshop.identity;

import java.util.ArrayList;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The clients of {@code coffeeshop.identity.clients} as the authorization server's registry. Checked when the
 * server starts, so a client that could never work (a confidential grant without a secret, a public client without
 * a redirect) stops the start with a message naming the setting, instead of failing its first user.
 */
final class RegisteredClients {

    private static final Set<String> GRANTS = Set.of("client_credentials", "authorization_code", "refresh_token");
    private static final Pattern SCOPE = Pattern.compile("[a-z]+(:[a-z]+)?");

    private RegisteredClients() {}

    static RegisteredClientRepository of(IdentityProperties properties, PasswordEncoder encoder) {
        var clients = new ArrayList<RegisteredClient>();
        properties.clients().forEach((id, client) -> clients.add(registered(id, client, properties, encoder)));
        if (clients.isEmpty()) {
            throw new IllegalStateException("No client is registered: set coffeeshop.identity.clients");
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    private static RegisteredClient registered(
            String id, IdentityProperties.Client client, IdentityProperties properties, PasswordEncoder encoder) {
        String setting = "coffeeshop.identity.clients." + id;
        if (client.grantTypes().isEmpty() || !GRANTS.containsAll(client.grantTypes())) {
            throw new IllegalStateException(
                    setting + ".grant-types must name some of " + GRANTS + ", not " + client.grantTypes());
        }
        client.scopes().stream()
                .filter(scope -> !SCOPE.matcher(scope).matches())
                .findFirst()
                .ifPresent(scope -> {
                    throw new IllegalStateException(setting + ".scopes: '" + scope + "' is not a scope name");
                });
        boolean confidential = client.secret() != null && !client.secret().isBlank();
        boolean machine = client.grantTypes().contains("client_credentials");
        if (machine && !confidential) {
            throw new IllegalStateException(setting + ".secret is required for client_credentials (environment "
                    + environmentVariable(id) + ")");
        }
        boolean browser = client.grantTypes().contains("authorization_code");
        if (browser && client.redirectUris().isEmpty()) {
            throw new IllegalStateException(setting + ".redirect-uris is required for authorization_code");
        }
        var builder = RegisteredClient.withId(id)
                .clientId(id)
                .clientName(id)
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .redirectUris(uris -> uris.addAll(client.redirectUris()))
                .authorizationGrantTypes(grants -> client.grantTypes().stream()
                        .map(AuthorizationGrantType::new)
                        .forEach(grants::add))
                // no consent page: every client is the shop's own, and a person signing in has asked for the shop
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(browser)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(properties.accessTokenLifetime())
                        .reuseRefreshTokens(false)
                        .build());
        if (confidential) {
            builder.clientSecret(encoded(client.secret(), encoder))
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        } else {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        return builder.build();
    }

    /** A secret as the password encoder stores it: one given already encoded ({@code {bcrypt}...}) is kept. */
    static String encoded(String secret, PasswordEncoder encoder) {
        return secret.startsWith("{") && secret.indexOf('}') > 1 ? secret : encoder.encode(secret);
    }

    /** Where a client's secret comes from in the environment, for the messages that ask for it. */
    static String environmentVariable(String clientId) {
        return "COFFEESHOP_IDENTITY_CLIENTS_" + clientId.toUpperCase().replace('-', '_') + "_SECRET";
    }
}
