package dev.coffeeshop.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The load test is one client of the shop, the tools' client: it gets its access token with the client credentials
 * grant, shares it among all virtual customers, and gets a new one a minute before it expires, so the identity
 * provider sees a handful of requests, not one per customer. The issuer and the secret come from the environment
 * ({@code COFFEESHOP_IDENTITY_ISSUER}, {@code COFFEESHOP_IDENTITY_CLIENTS_TOOLS_SECRET}), which
 * {@code ./coffeeshop load} fills in from the running stack.
 */
final class AccessToken {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String token;
    private static Instant renewAt = Instant.MIN;

    private AccessToken() {}

    /** {@code Bearer <token>}, valid for at least another minute. */
    static synchronized String header() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            fetch();
        }
        return "Bearer " + token;
    }

    private static void fetch() {
        String issuer = setting("COFFEESHOP_IDENTITY_ISSUER", "http://localhost:9000");
        String secret = setting("COFFEESHOP_IDENTITY_CLIENTS_TOOLS_SECRET", "");
        if (secret.isBlank()) {
            throw new IllegalStateException("No COFFEESHOP_IDENTITY_CLIENTS_TOOLS_SECRET: run the load test with "
                    + "./coffeeshop load, which reads it from the running stack, or set it");
        }
        String basic = Base64.getEncoder().encodeToString(("tools:" + secret).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(issuer).resolve("/oauth2/token"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Basic " + basic)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "grant_type=client_credentials&scope=orders%3Aplace+orders%3Aread+orders%3Acancel"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var accessToken = ACCESS_TOKEN.matcher(response.body());
            var expiresIn = EXPIRES_IN.matcher(response.body());
            if (response.statusCode() != 200 || !accessToken.find() || !expiresIn.find()) {
                throw new IllegalStateException(
                        "The identity provider refused a token (" + response.statusCode() + "): " + response.body());
            }
            token = accessToken.group(1);
            renewAt = Instant.now().plusSeconds(Math.max(1, Long.parseLong(expiresIn.group(1)) - 60));
        } catch (IOException e) {
            throw new IllegalStateException("The identity provider at " + issuer + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking for a token", e);
        }
    }

    private static String setting(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value.strip();
    }
}
