package dev.coffeeshop.local.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Access tokens for one of the tools' clients, the way any client gets them: the client credentials grant against
 * the identity provider's token endpoint. A token is kept until a minute before it expires, so a long benchmark or
 * fault run asks for a few tokens, not one per request. Thread-safe.
 */
public final class AccessTokens {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

    private final URI tokenEndpoint;
    private final String basic;
    private final String scope;
    private final HttpClient http;
    private String token;
    private Instant renewAt = Instant.MIN;

    private AccessTokens(URI issuer, String client, String secret, String scope, HttpClient http) {
        this.tokenEndpoint = issuer.resolve("/oauth2/token");
        this.basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((URLEncoder.encode(client, StandardCharsets.UTF_8) + ":"
                                        + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                                .getBytes(StandardCharsets.UTF_8));
        this.scope = scope;
        this.http = http;
    }

    /** Tokens for the tools' client: place, read and cancel orders. */
    public static AccessTokens forTools(Identity identity, HttpClient http) {
        return new AccessTokens(
                identity.issuer(),
                Identity.TOOLS,
                identity.secrets().get(Identity.TOOLS),
                "orders:place orders:read orders:cancel",
                http);
    }

    /** Tokens for the operators' client: the staff endpoints. */
    public static AccessTokens forOperator(Identity identity, HttpClient http) {
        return new AccessTokens(
                identity.issuer(),
                Identity.OPERATOR,
                identity.secrets().get(Identity.OPERATOR),
                "staff orders:read",
                http);
    }

    /** {@code Bearer <token>}, for an {@code Authorization} header. */
    public String header() {
        return "Bearer " + token();
    }

    /** A token valid for at least another minute. */
    public synchronized String token() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        String form = "grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        HttpResponse<String> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(tokenEndpoint)
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", basic)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("The identity provider at " + tokenEndpoint + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + tokenEndpoint + " for a token", e);
        }
        var accessToken = ACCESS_TOKEN.matcher(response.body());
        var expiresIn = EXPIRES_IN.matcher(response.body());
        if (response.statusCode() != 200 || !accessToken.find() || !expiresIn.find()) {
            // the body of an error is the protocol's error code and description, never a secret
            throw new IllegalStateException(
                    "The identity provider refused a token (" + response.statusCode() + "): " + response.body());
        }
        token = accessToken.group(1);
        Duration lifetime = Duration.ofSeconds(Long.parseLong(expiresIn.group(1)));
        renewAt = Instant.now()
                .plus(
                        lifetime.minus(RENEW_BEFORE_EXPIRY).isNegative()
                                ? lifetime.dividedBy(2)
                                : lifetime.minus(RENEW_BEFORE_EXPIRY));
    }
}
