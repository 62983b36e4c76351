package dev.coffeeshop.testsupport.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The interface documents of a service kept true and compatible, as every service must keep them (docs/contracts.md):
 * the OpenAPI document it serves and the AsyncAPI document made from its bindings are the checked-in ones, each
 * documented operation asks for a token exactly where the access rules do, and the checked-in documents are compatible
 * with the last released ones. A service's {@code ContractsTests} extends this as a {@code @SpringBootTest} on random
 * ports.
 *
 * <p>{@code -Dcontracts.update=true} writes the documents the code makes over the checked-in ones (and passes);
 * {@code -Dcontracts.release=true} makes the checked-in documents the released ones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ContractChecks {

    /** The checked-in documents, in the service's jar (its AsyncAPI document is served from there). */
    static final Path CHECKED_IN = Path.of("src/main/resources/contracts");

    /** The last released documents, which only the compatibility check reads. */
    static final Path RELEASED = Path.of("src/test/resources/contracts/released");

    private static final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private Environment environment;

    @Test
    @Order(1)
    void servesTheOpenApiDocumentAsCheckedIn() throws Exception {
        // given
        JsonNode served = CanonicalJson.read(get("/openapi").body());

        // then
        assertEquals("3.1.0", served.path("openapi").asString());
        matchesTheCheckedIn("openapi.json", served);
    }

    @Test
    @Order(2)
    void makesTheAsyncApiDocumentAsCheckedInAndServesIt() throws Exception {
        // given
        JsonNode made = AsyncApiDocument.of(environment);

        // then
        matchesTheCheckedIn("asyncapi.json", made);
        if (!updating()) {
            var served = get("/asyncapi");
            assertEquals(200, served.statusCode());
            assertEquals(made, CanonicalJson.read(served.body()));
        }
    }

    @Test
    @Order(3)
    void asksForATokenExactlyWhereTheDocumentSays() throws Exception {
        // given
        JsonNode document = CanonicalJson.read(get("/openapi").body());

        // when every documented operation is called without a token
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                String concrete =
                        path.getKey().replaceAll("\\{[^/}]+}", UUID.randomUUID().toString());
                int status = statusWithoutToken(method, concrete);

                // then
                boolean secured = operation.getValue().has("security");
                String what = method + " " + path.getKey() + " is documented as " + (secured ? "" : "not ")
                        + "needing a token, and answered " + status + " without one";
                if (secured) {
                    assertEquals(401, status, what);
                    assertTrue(operation.getValue().path("responses").has("401"), what + ": 401 is not documented");
                } else {
                    assertNotEquals(401, status, what);
                    assertNotEquals(403, status, what);
                }
            }
        }
    }

    // after the documents are written, when they are being updated
    @Test
    @Order(4)
    void keepsCompatibleWithTheReleasedDocuments() throws IOException {
        for (String name : List.of("openapi.json", "asyncapi.json")) {
            Path checkedIn = CHECKED_IN.resolve(name);
            Path released = RELEASED.resolve(name);
            if (Boolean.getBoolean("contracts.release")) {
                Files.createDirectories(RELEASED);
                Files.copy(checkedIn, released, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            if (!Files.exists(released)) {
                fail("No released " + name + " at " + released.toAbsolutePath() + ". Release the checked-in documents: "
                        + command("-Dcontracts.release=true"));
            }
            Compatibility.Verdict verdict = Compatibility.check(read(released), read(checkedIn));
            if (verdict.refused()) {
                fail(name + " breaks clients of the released version " + verdict.releasedVersion() + ": "
                        + verdict + "\nKeep the old shape (add, do not change), or raise the major of info.version"
                        + " (coffeeshop.contracts.*-version) and release (docs/contracts.md).");
            }
        }
    }

    private void matchesTheCheckedIn(String name, JsonNode made) throws IOException {
        Path file = CHECKED_IN.resolve(name);
        if (updating()) {
            Files.createDirectories(CHECKED_IN);
            Files.writeString(file, CanonicalJson.write(made), StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail("No checked-in " + name + " at " + file.toAbsolutePath() + ". Write it: "
                    + command("-Dcontracts.update=true"));
        }
        JsonNode checkedIn = CanonicalJson.sorted(read(file));
        List<String> differences = JsonDifferences.between(checkedIn, CanonicalJson.sorted(made));
        if (!differences.isEmpty()) {
            fail(
                    "The " + name + " the code makes differs from " + file + " (- checked in, + made now):\n"
                            + JsonDifferences.lines(differences)
                            + "\nIf the change is meant, write the documents the code makes: "
                            + command("-Dcontracts.update=true")
                            + "\nand commit them; the compatibility check then says whether the change needs a new major version.");
        }
    }

    private String command(String property) {
        return "./mvnw -o test -pl " + environment.getRequiredProperty("spring.application.name")
                + " -Dtest=ContractsTests " + property;
    }

    private static boolean updating() {
        return Boolean.getBoolean("contracts.update");
    }

    private static JsonNode read(Path file) throws IOException {
        return CanonicalJson.read(Files.readString(file, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status only: an open stream (the board's events) answers its headers and never ends. */
    private int statusWithoutToken(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + environment.getRequiredProperty("local.server.port") + path);
    }
}
