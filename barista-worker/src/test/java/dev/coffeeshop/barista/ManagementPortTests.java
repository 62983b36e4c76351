package dev.coffeeshop.barista;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The actuator apart from the API: customers reach only the probes, operators and Prometheus everything else on the
 * management port, and no secret leaves through it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ManagementPortTests {

    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    /** The service's Kafka credentials, made from KAFKA_USERNAME and KAFKA_PASSWORD: they hold its password. */
    @Value("${spring.kafka.properties.sasl.jaas.config}")
    String kafkaCredentials;

    @Value("${spring.datasource.password}")
    String databasePassword;

    @Test
    void servesMetricsOnTheManagementPortOnly() throws Exception {
        // when
        var publicScrape = get(port, "/actuator/prometheus");
        var managementScrape = get(managementPort, "/actuator/prometheus");

        // then
        assertThat(publicScrape.statusCode()).isEqualTo(404);
        assertThat(publicScrape.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(publicScrape.body()).path("status").asInt()).isEqualTo(404);
        assertThat(managementScrape.statusCode()).isEqualTo(200);
        assertThat(managementScrape.body()).contains("jvm_memory_used_bytes");
        assertThat(get(port, "/actuator/metrics").statusCode()).isEqualTo(404);
        assertThat(get(port, "/actuator/env").statusCode()).isEqualTo(404);
    }

    @Test
    void answersTheProbesOnThePublicPortWithTheirStatusOnly() throws Exception {
        // when
        var liveness = get(port, "/livez");
        var readiness = get(port, "/readyz");

        // then
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode ready = json.readTree(readiness.body());
        assertThat(ready.path("status").asString()).isEqualTo("UP");
        assertThat(ready.has("components")).as(readiness.body()).isFalse();
        assertThat(json.readTree(liveness.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void showsNoSecretInTheEnvironment() throws Exception {
        // when
        var environment = get(managementPort, "/actuator/env");
        var kafkaCredentialsProperty = get(managementPort, "/actuator/env/spring.kafka.properties.sasl.jaas.config");
        var passwordProperty = get(managementPort, "/actuator/env/spring.datasource.password");

        // then
        assertThat(environment.statusCode()).isEqualTo(200);
        assertThat(environment.body())
                .contains("spring.kafka.properties.sasl.jaas.config", "spring.datasource.password")
                .doesNotContain(
                        kafkaCredentials.substring(kafkaCredentials.indexOf("password=")),
                        "\"" + databasePassword + "\"");
        assertThat(json.readTree(kafkaCredentialsProperty.body())
                        .path("property")
                        .path("value")
                        .asString())
                .isEqualTo("******");
        assertThat(json.readTree(passwordProperty.body())
                        .path("property")
                        .path("value")
                        .asString())
                .isEqualTo("******");
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
