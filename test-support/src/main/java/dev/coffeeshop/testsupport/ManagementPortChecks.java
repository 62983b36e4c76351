package dev.coffeeshop.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The actuator apart from the API, as every service must keep it: customers reach only the probes on the public port,
 * operators and Prometheus everything else on the management port, and no secret leaves through it. A service's
 * {@code ManagementPortTests} extends this as a {@code @SpringBootTest} on random ports with the service's secrets.
 */
public abstract class ManagementPortChecks {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final Pattern JAAS_PASSWORD = Pattern.compile("password=\"([^\"]+)\"");

    @Autowired
    private Environment environment;

    /**
     * The properties that hold a secret in this service: the Kafka credentials (made from {@code KAFKA_USERNAME} and
     * {@code KAFKA_PASSWORD}) and the database password; a service adds its own.
     */
    protected List<String> secretProperties() {
        return List.of("spring.kafka.properties.sasl.jaas.config", "spring.datasource.password");
    }

    @Test
    void servesMetricsOnTheManagementPortOnly() throws Exception {
        // when
        var publicScrape = get(port(), "/actuator/prometheus");
        var managementScrape = get(managementPort(), "/actuator/prometheus");

        // then
        assertEquals(404, publicScrape.statusCode());
        assertTrue(publicScrape.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(404, json.readTree(publicScrape.body()).path("status").asInt());
        assertEquals(200, managementScrape.statusCode());
        assertTrue(managementScrape.body().contains("jvm_memory_used_bytes"));
        assertEquals(404, get(port(), "/actuator/metrics").statusCode());
        assertEquals(404, get(port(), "/actuator/env").statusCode());
    }

    @Test
    void answersTheProbesOnThePublicPortWithTheirStatusOnly() throws Exception {
        // when
        var liveness = get(port(), "/livez");
        var readiness = get(port(), "/readyz");

        // then
        assertEquals(200, liveness.statusCode());
        assertEquals(200, readiness.statusCode());
        JsonNode ready = json.readTree(readiness.body());
        assertEquals("UP", ready.path("status").asString());
        assertFalse(ready.has("components"), readiness.body());
        assertEquals("UP", json.readTree(liveness.body()).path("status").asString());
    }

    @Test
    void showsNoSecretInTheEnvironment() throws Exception {
        // when
        var everything = get(managementPort(), "/actuator/env");

        // then
        assertEquals(200, everything.statusCode());
        for (String property : secretProperties()) {
            assertTrue(everything.body().contains(property), property + " is not in /actuator/env");
            for (String secret : secretsIn(environment.getRequiredProperty(property))) {
                assertFalse(everything.body().contains(secret), "the value of " + property + " is in /actuator/env");
            }
            var one = get(managementPort(), "/actuator/env/" + property);
            assertEquals(
                    "******",
                    json.readTree(one.body()).path("property").path("value").asString(),
                    "/actuator/env/" + property);
        }
    }

    /** The secret parts of a property's value: the password of a JAAS configuration, else the whole value. */
    private static List<String> secretsIn(String value) {
        var secrets = new ArrayList<String>();
        Matcher password = JAAS_PASSWORD.matcher(value);
        while (password.find()) {
            secrets.add(password.group(1));
        }
        if (secrets.isEmpty()) {
            secrets.add("\"" + value + "\"");
        }
        return secrets;
    }

    private int port() {
        return environment.getRequiredProperty("local.server.port", Integer.class);
    }

    private int managementPort() {
        return environment.getRequiredProperty("local.management.port", Integer.class);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
