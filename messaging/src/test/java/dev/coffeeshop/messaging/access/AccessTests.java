package dev.coffeeshop.messaging.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.testsupport.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules every service applies, over real HTTP against a real key set: who gets in with which token, and what a
 * refused request is told.
 */
@SpringBootTest(
        classes = AccessTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.cloud.stream.default-binder=kafka",
            "management.endpoints.web.exposure.include=health,info",
            "springdoc.api-docs.path=/openapi"
        })
@ExtendWith(OutputCaptureExtension.class)
class AccessTests {

    static final TestIssuer issuer = TestIssuer.shared();

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add(TestIssuer.ISSUER_PROPERTY, () -> issuer.issuer().toString());
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void letsAnyoneSeeTheMenuAndTheHealth() throws Exception {
        assertThat(get("/menu", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void letsAnyoneReadTheInterfaceDescriptions() throws Exception {
        assertThat(get("/openapi", null).statusCode()).isEqualTo(200);
        assertThat(get("/openapi.yaml", null).statusCode()).isEqualTo(200);
        // this application has no AsyncAPI document: the path is open, so the answer is a 404, not a 401
        assertThat(get("/asyncapi", null).statusCode()).isEqualTo(404);
        assertThat(post("/openapi", null).statusCode()).isEqualTo(401);
    }

    @Test
    void describesTheScopeAndTheProblemsOfEachOperation() throws Exception {
        // when
        JsonNode document =
                JsonMapper.builder().build().readTree(get("/openapi", null).body());

        // then
        assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");
        JsonNode place = document.at("/paths/~1orders/post");
        assertThat(place.at("/security/0/bearer/0").asString()).isEqualTo(Scopes.PLACE);
        assertThat(place.path("responses").propertyNames()).contains("401", "403", "429", "500");
        assertThat(place.at("/responses/401/content/application~1problem+json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(document.at("/paths/~1staff~1ledgers~1things/get/security/0/bearer/0")
                        .asString())
                .isEqualTo(Scopes.STAFF);
        JsonNode menu = document.at("/paths/~1menu/get");
        assertThat(menu.has("security")).isFalse();
        assertThat(menu.path("responses").propertyNames()).doesNotContain("401", "403");
        assertThat(document.at("/components/securitySchemes/bearer/bearerFormat")
                        .asString())
                .isEqualTo("JWT");
    }

    @Test
    void asksForATokenWithAProblemAndAChallenge() throws Exception {
        var answer = get("/orders/o-1", null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"status\":401").contains("needs an access token");
    }

    @Test
    void letsInATokenWithTheScopeTheEndpointNeeds() throws Exception {
        assertThat(post("/orders", issuer.token("alice", Scopes.PLACE)).statusCode())
                .isEqualTo(200);
        assertThat(get("/orders/o-1", issuer.token("alice", Scopes.READ)).statusCode())
                .isEqualTo(200);
        assertThat(post("/orders/o-1/cancel", issuer.token("alice", Scopes.CANCEL))
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/staff/ledgers/things", issuer.staffToken()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void logsEveryStaffActionWithTheVerifiedSubjectAndTheAnswerAllowedOrRefused(CapturedOutput output)
            throws Exception {
        // when
        var allowed = post("/staff/ledgers/things/redo", issuer.token("sam", "staff"));
        var refused = post("/staff/ledgers/things/redo", issuer.token("mallory", Scopes.PLACE));
        var read = get("/staff/ledgers/things", issuer.token("sam", "staff"));

        // then
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(output.getOut())
                .contains("staff POST /staff/ledgers/things/redo by subject sam (client tests): 200")
                .contains("staff POST /staff/ledgers/things/redo by subject mallory (client tests): 403")
                .doesNotContain("staff GET /staff/ledgers/things by");
    }

    @Test
    void refusesAGoodTokenWithoutTheScope() throws Exception {
        var reading = post("/orders", issuer.token("alice", Scopes.READ));
        var customer = get("/staff/ledgers/things", issuer.token("alice", Scopes.PLACE, Scopes.READ, Scopes.CANCEL));

        assertThat(reading.statusCode()).isEqualTo(403);
        assertThat(reading.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).contains("insufficient_scope"));
        assertThat(reading.body()).contains("\"status\":403").contains("does not allow this");
        assertThat(customer.statusCode()).isEqualTo(403);
    }

    @Test
    void refusesEveryoneAnEndpointTheRulesDoNotList() throws Exception {
        var answer = get("/unlisted", issuer.token("root", Scopes.PLACE, Scopes.READ, Scopes.CANCEL, Scopes.STAFF));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).doesNotContain("nobody should see this");
    }

    @Test
    void keepsTheOtherActuatorEndpointsForStaff() throws Exception {
        assertThat(get("/actuator/info", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/info", issuer.token("alice", Scopes.READ)).statusCode())
                .isEqualTo(403);
        assertThat(get("/actuator/info", issuer.staffToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAnExpiredTokenButForgivesSmallClockSkew() throws Exception {
        var expired = issuer.claims("alice", Scopes.READ)
                .expired(Duration.ofMinutes(2))
                .sign();
        var justExpired = issuer.claims("alice", Scopes.READ)
                .expired(Duration.ofSeconds(5))
                .sign();

        assertThat(get("/orders/o-1", expired).statusCode()).isEqualTo(401);
        assertThat(get("/orders/o-1", justExpired).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesTokensNotSignedByTheIssuersPublishedKey() throws Exception {
        var claims = issuer.claims("alice", Scopes.READ);

        assertThat(get("/orders/o-1", claims.signWithUnpublishedKey()).statusCode())
                .isEqualTo(401);
        assertThat(get("/orders/o-1", claims.unsigned()).statusCode()).isEqualTo(401);
        assertThat(get("/orders/o-1", claims.signWithPublicKeyAsHmacSecret()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void refusesATokenWhosePayloadWasChanged() throws Exception {
        String[] parts = issuer.token("alice", Scopes.READ).split("\\.");
        String forged = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                        .replace(Scopes.READ, Scopes.STAFF)
                        .getBytes());

        var answer = get("/staff/ledgers/things", parts[0] + "." + forged + "." + parts[2]);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
        assertThat(answer.body()).contains("is not valid").doesNotContain(parts[2]);
    }

    @Test
    void refusesATokenFromAnotherIssuerOrForAnotherAudience() throws Exception {
        var otherIssuer =
                issuer.claims("alice", Scopes.READ).issuer("http://evil.test").sign();
        var otherAudience =
                issuer.claims("alice", Scopes.READ).audience("billing").sign();
        var noSubject = issuer.claims("alice", Scopes.READ).without("sub").sign();

        assertThat(get("/orders/o-1", otherIssuer).statusCode()).isEqualTo(401);
        assertThat(get("/orders/o-1", otherAudience).statusCode()).isEqualTo(401);
        assertThat(get("/orders/o-1", noSubject).statusCode()).isEqualTo(401);
    }

    @Test
    void readsTheKeysOnceForManyTokens() throws Exception {
        get("/orders/o-1", issuer.token("alice", Scopes.READ));
        int before = issuer.keyRequests();

        for (int i = 0; i < 20; i++) {
            assertThat(get("/orders/o-" + i, issuer.token("user-" + i, Scopes.READ))
                            .statusCode())
                    .isEqualTo(200);
        }

        assertThat(issuer.keyRequests()).isEqualTo(before);
    }

    @Test
    void keepsNoSession() throws Exception {
        var answer = get("/orders/o-1", issuer.token("alice", Scopes.READ));

        assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
    }

    private HttpResponse<String> get(String path, @Nullable String token) throws IOException, InterruptedException {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, @Nullable String token) throws IOException, InterruptedException {
        return http.send(
                request(path, token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, @Nullable String token) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }
}
