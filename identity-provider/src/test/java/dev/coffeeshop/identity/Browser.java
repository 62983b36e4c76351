package dev.coffeeshop.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a person's browser does in the authorization code flow with PKCE, over real HTTP: ask to authorize, be sent
 * to the sign-in form, sign in, be sent back to the client's redirect with a code. Cookies are kept, redirects are
 * followed by hand so each step can be seen.
 */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final URI server;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    Browser(URI server) {
        this.server = server;
    }

    /** The code issued to {@code clientId} once {@code user} signed in, or the error the redirect carried. */
    Redirect authorize(String clientId, String scope, String redirectUri, String verifier, String user, String password)
            throws IOException, InterruptedException {
        var authorize = server.resolve("/oauth2/authorize?"
                + form(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        clientId,
                        "scope",
                        scope,
                        "redirect_uri",
                        redirectUri,
                        "state",
                        "s-1",
                        "code_challenge",
                        challenge(verifier),
                        "code_challenge_method",
                        "S256")));
        var toLogin = get(authorize);
        require(toLogin.statusCode() == 302, "authorize should send a stranger to sign in", toLogin);
        var loginPage =
                get(server.resolve(toLogin.headers().firstValue("Location").orElseThrow()));
        var csrf = CSRF.matcher(loginPage.body());
        require(csrf.find(), "the sign-in form carries a CSRF token", loginPage);
        var signedIn = http.send(
                HttpRequest.newBuilder(server.resolve("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                form(Map.of("username", user, "password", password, "_csrf", csrf.group(1)))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        require(signedIn.statusCode() == 302, "signing in redirects", signedIn);
        String next = signedIn.headers().firstValue("Location").orElseThrow();
        if (next.contains("error")) {
            return new Redirect(URI.create(next), Map.of("error", "sign-in"));
        }
        var back = get(server.resolve(next));
        require(back.statusCode() == 302, "authorize redirects back to the client", back);
        var location = URI.create(back.headers().firstValue("Location").orElseThrow());
        return new Redirect(location, query(location));
    }

    /** The code verifier's S256 challenge (RFC 7636). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(URI uri) {
        var parameters = new LinkedHashMap<String, String>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                parameters.put(
                        pair.substring(0, eq),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static void require(boolean condition, String what, HttpResponse<String> response) {
        if (!condition) {
            throw new AssertionError(what + ", but got " + response.statusCode() + " "
                    + response.headers().map() + " " + response.body());
        }
    }

    /** Where the browser was sent back to, with its query parameters ({@code code}, {@code state} or {@code error}). */
    record Redirect(URI location, Map<String, String> parameters) {}
}
