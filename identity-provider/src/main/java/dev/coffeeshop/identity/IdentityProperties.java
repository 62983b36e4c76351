package dev.coffeeshop.identity;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity provider's settings, {@code coffeeshop.identity.*}.
 *
 * @param issuer the URL the services know this server by: the {@code iss} of every token, and where its keys are
 *     published ({@code <issuer>/oauth2/jwks})
 * @param audience the {@code aud} of every access token: the services accept only tokens minted for the shop
 * @param accessTokenLifetime how long an access token is valid; short, because a resource server cannot revoke one
 * @param signingKeyFile a PEM file with the RSA private key (PKCS#8) tokens are signed with; without one a key is
 *     made at start-up, fine for one run of a development stack, since every token dies with the process
 * @param clients the registered clients by id
 * @param users the people who can sign in, by user name (the token's subject)
 */
@ConfigurationProperties("coffeeshop.identity")
record IdentityProperties(
        URI issuer,
        @DefaultValue("coffeeshop") String audience,
        @DefaultValue("10m") Duration accessTokenLifetime,
        @Nullable Path signingKeyFile,
        @DefaultValue Map<String, Client> clients,
        @DefaultValue Map<String, User> users) {

    /**
     * A registered client.
     *
     * @param secret the client's secret; a client without one is public (it must use PKCE). A value with a
     *     {@code {id}} prefix is an encoded secret ({@code {bcrypt}...}); any other value is the secret itself
     * @param grantTypes what the client may do: {@code client_credentials}, {@code authorization_code},
     *     {@code refresh_token}
     * @param scopes the scopes it may ask for
     * @param redirectUris where an authorization code may be sent; a loopback address ({@code http://127.0.0.1/...})
     *     matches any port, as native apps need (RFC 8252)
     */
    record Client(
            @Nullable String secret,
            @DefaultValue List<String> grantTypes,
            @DefaultValue Set<String> scopes,
            @DefaultValue Set<String> redirectUris) {}

    /**
     * A person who can sign in.
     *
     * @param password the password; a value with a {@code {id}} prefix is an encoded one
     * @param displayName what the shop calls them where others can see it (the pickup board); the user name when
     *     not given
     * @param staff whether they work in the shop: only staff get the {@code staff} scope
     */
    record User(
            @Nullable String password,
            @Nullable String displayName,
            @DefaultValue("false") boolean staff) {}
}
