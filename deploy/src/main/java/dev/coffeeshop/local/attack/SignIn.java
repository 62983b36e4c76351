package dev.coffeeshop.local.attack;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person signing in to the shop's app as a browser does it: the authorization code flow with PKCE against the
 * identity provider's sign-in form, then the code exchanged for an access token. The redirect back to the app is
 * read from the provider's answer, not followed, so no app needs to listen.
 */
final class SignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String REDIRECT = "http://127.0.0.1:51789/callback";

    private SignIn() {}

    /** An access token of the app {@code client} ({@code shop}, {@code counter}) for {@code user}, with {@code scope}. */
    static String token(URI provider, String client, String user, String password, String scope)
            throws IOException, InterruptedException {
        var http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        var toLogin = get(
                http,
                provider.resolve("/oauth2/authorize?"
                        + form(Map.of(
                                "response_type",
                                "code",
                                "client_id",
                                client,
                                "scope",
                                scope,
                                "redirect_uri",
                                REDIRECT,
                                "code_challenge",
                                challenge(verifier),
                                "code_challenge_method",
                                "S256"))));
        var loginPage = get(http, provider.resolve(location(toLogin)));
        var csrf = CSRF.matcher(loginPage.body());
        if (!csrf.find()) {
            throw new IOException("no sign-in form at " + provider + " (" + loginPage.statusCode() + ")");
        }
        var signedIn = http.send(
                HttpRequest.newBuilder(provider.resolve("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                form(Map.of("username", user, "password", password, "_csrf", csrf.group(1)))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var back = get(http, provider.resolve(location(signedIn)));
        String code = query(URI.create(location(back))).get("code");
        if (code == null) {
            throw new IOException(user + " could not sign in: " + location(back));
        }
        var token = http.send(
                HttpRequest.newBuilder(provider.resolve("/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type", "authorization_code",
                                "client_id", client,
                                "code", code,
                                "redirect_uri", REDIRECT,
                                "code_verifier", verifier))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var accessToken = ACCESS_TOKEN.matcher(token.body());
        if (!accessToken.find()) {
            throw new IOException("no token for " + user + ": " + token.statusCode() + " " + token.body());
        }
        return accessToken.group(1);
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<?> response) throws IOException {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IOException("expected a redirect, got " + response.statusCode()));
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        var parameters = new LinkedHashMap<String, String>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(
                            pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }
}
