package dev.coffeeshop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "coffeeshop.identity.issuer=http://identity.test",
            "coffeeshop.identity.clients.tools.secret=tools-secret",
            "coffeeshop.identity.clients.operator.secret={noop}operator-secret",
            "coffeeshop.identity.users.alice.password=alice-password",
            "coffeeshop.identity.users.alice.display-name=Alice",
            "coffeeshop.identity.users.sam.password=sam-password",
            "coffeeshop.identity.users.sam.staff=true",
        })
class IdentityProviderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VERIFIER = "a-code-verifier-long-enough-for-rfc-7636-0123456789";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void publishesItsIssuerAndKeysForTheServices() throws Exception {
        var discovery = json(get("/.well-known/openid-configuration"));
        var keys = json(get("/oauth2/jwks"));

        assertThat(discovery.get("issuer").asString()).isEqualTo("http://identity.test");
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo("http://identity.test/oauth2/jwks");
        assertThat(keys.get("keys")).hasSize(1);
        assertThat(keys.get("keys").get(0).get("kty").asString()).isEqualTo("RSA");
        assertThat(keys.get("keys").get(0).get("alg").asString()).isEqualTo("RS256");
        assertThat(keys.get("keys").get(0).has("d"))
                .as("never the private half")
                .isFalse();
    }

    @Test
    void givesAMachineClientAShortLivedTokenForTheShop() throws Exception {
        var response = token(
                "tools",
                "tools-secret",
                Map.of("grant_type", "client_credentials", "scope", "orders:place orders:read"));

        assertThat(response.statusCode()).isEqualTo(200);
        Jwt jwt = decode(json(response).get("access_token").asString());
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
        assertThat(jwt.getIssuer()).hasToString("http://identity.test");
        assertThat(jwt.getAudience()).containsExactly("coffeeshop");
        assertThat(jwt.getSubject()).isEqualTo("tools");
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo("tools");
        assertThat(jwt.getClaimAsStringList("scope")).containsExactlyInAnyOrder("orders:place", "orders:read");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void refusesAClientWithTheWrongSecret() throws Exception {
        var response = token("tools", "not-the-secret", Map.of("grant_type", "client_credentials"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void refusesAScopeTheClientWasNotGiven() throws Exception {
        var response = token("tools", "tools-secret", Map.of("grant_type", "client_credentials", "scope", "staff"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void takesAnEncodedSecretAsItIs() throws Exception {
        var response =
                token("operator", "operator-secret", Map.of("grant_type", "client_credentials", "scope", "staff"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(decode(json(response).get("access_token").asString()).getClaimAsStringList("scope"))
                .containsExactly("staff");
    }

    @Test
    void signsAPersonInWithAnAuthorizationCodeAndPkce() throws Exception {
        String redirect = "http://127.0.0.1:51234/callback";
        var back = browser()
                .authorize("shop", "openid orders:place orders:read", redirect, VERIFIER, "alice", "alice-password");

        var response = publicToken(
                "shop",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        back.parameters().get("code"),
                        "redirect_uri",
                        redirect,
                        "code_verifier",
                        VERIFIER));

        assertThat(back.location().toString()).startsWith(redirect + "?");
        assertThat(back.parameters()).containsEntry("state", "s-1");
        assertThat(response.statusCode()).isEqualTo(200);
        Jwt jwt = decode(json(response).get("access_token").asString());
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getClaimAsString("name")).isEqualTo("Alice");
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo("shop");
        assertThat(jwt.getAudience()).containsExactly("coffeeshop");
        assertThat(jwt.getClaimAsStringList("scope")).contains("orders:place", "orders:read");
        assertThat(json(response).has("id_token")).isTrue();
    }

    @Test
    void letsTheOperatorsPageExchangeItsCodeFromItsOwnOriginAndNoOtherOrigin() throws Exception {
        // given a staff member signed in from the operator's order page, on a loopback port
        String redirect = "http://127.0.0.1:51236/operator";
        var back =
                browser().authorize("counter", "openid staff orders:read", redirect, VERIFIER, "sam", "sam-password");

        // when the page's script exchanges the code, and a script of another site asks whether it could
        var exchange = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                        .header("Origin", "http://127.0.0.1:51236")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(Browser.form(Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                back.parameters().get("code"),
                                "redirect_uri",
                                redirect,
                                "client_id",
                                "counter",
                                "code_verifier",
                                VERIFIER))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var elsewhere = preflight("https://elsewhere.example");
        var page = preflight("http://127.0.0.1:51236");

        // then the page may read its token; the other site's script may not
        assertThat(exchange.statusCode()).isEqualTo(200);
        assertThat(exchange.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:51236");
        assertThat(decode(json(exchange).get("access_token").asString()).getClaimAsStringList("scope"))
                .contains("staff");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:51236");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }

    @Test
    void refusesACodeWithoutItsVerifier() throws Exception {
        String redirect = "http://127.0.0.1:51234/callback";
        var back = browser().authorize("shop", "orders:read", redirect, VERIFIER, "alice", "alice-password");

        var response = publicToken(
                "shop",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        back.parameters().get("code"),
                        "redirect_uri",
                        redirect,
                        "code_verifier",
                        VERIFIER + "-not"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void givesTheStaffScopeOnlyToStaff() throws Exception {
        String redirect = "http://127.0.0.1:51235/callback";
        var customer = browser().authorize("counter", "staff", redirect, VERIFIER, "alice", "alice-password");
        var staff = browser().authorize("counter", "staff", redirect, VERIFIER, "sam", "sam-password");

        var refused = publicToken(
                "counter",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        customer.parameters().get("code"),
                        "redirect_uri",
                        redirect,
                        "code_verifier",
                        VERIFIER));
        var given = publicToken(
                "counter",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        staff.parameters().get("code"),
                        "redirect_uri",
                        redirect,
                        "code_verifier",
                        VERIFIER));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("error").asString()).isEqualTo("invalid_scope");
        assertThat(given.statusCode()).isEqualTo(200);
        Jwt jwt = decode(json(given).get("access_token").asString());
        assertThat(jwt.getSubject()).isEqualTo("sam");
        assertThat(jwt.getClaimAsString("name"))
                .as("no display name set: the user name")
                .isEqualTo("sam");
        assertThat(jwt.getClaimAsStringList("scope")).containsExactly("staff");
    }

    @Test
    void doesNotSignInWithAWrongPassword() throws Exception {
        var back = browser()
                .authorize("shop", "orders:read", "http://127.0.0.1:51236/callback", VERIFIER, "alice", "wrong");

        assertThat(back.parameters()).containsEntry("error", "sign-in");
        assertThat(back.location().getPath()).isEqualTo("/login");
    }

    @Test
    void answersHealthToAnyoneAndNothingElse() throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info").statusCode()).isIn(302, 401);
    }

    private Browser browser() {
        return new Browser(URI.create("http://localhost:" + port));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String client, String secret, Map<String, String> form)
            throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(Browser.form(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> publicToken(String client, Map<String, String> form)
            throws IOException, InterruptedException {
        var fields = new LinkedHashMap<>(form);
        fields.put("client_id", client);
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(Browser.form(fields)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What a browser asks before a script of {@code origin} may read the token endpoint's answer. */
    private HttpResponse<String> preflight(String origin) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Jwt decode(String token) {
        return NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/oauth2/jwks")
                .build()
                .decode(token);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
