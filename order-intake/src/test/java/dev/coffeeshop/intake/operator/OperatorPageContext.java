package dev.coffeeshop.intake.operator;

import dev.coffeeshop.messaging.access.Scopes;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestIssuer;
import dev.coffeeshop.testsupport.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cashier with the two other services stood in for by real HTTP servers ({@link StandInService}), for the tests
 * of the operator's order page. Its test classes extend this one and so share one application context: its own
 * database and consumer group, so the other tests' context never takes its records, nor it theirs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=order-intake-operator",
            "spring.cloud.stream.bindings.recordPreparation-in-0.group=order-intake-operator",
            "spring.cloud.stream.kafka.bindings.recordPreparation-in-0.consumer.dlq-name="
                    + "coffeeshop.barista.preparations.order-intake-operator.dlq",
            "coffeeshop.operator.timeout=1s",
            "coffeeshop.operator.trace-viewer-url=" + OperatorPageContext.TRACE_VIEWER
        })
@RealInfrastructure
abstract class OperatorPageContext {

    static final String TRACE_VIEWER = "http://traces.example/zipkin/?annotationQuery=order.id%3D{orderId}";
    static final String CUSTOMER =
            "Bearer " + TestIssuer.shared().token("ada", Scopes.PLACE, Scopes.READ, Scopes.CANCEL);
    static final String STAFF = "Bearer " + TestIssuer.shared().token("sam", Scopes.STAFF, Scopes.READ);

    static final StandInService barista = new StandInService("barista-worker");
    static final StandInService counter = new StandInService("notification-service");
    static final TestKafka kafka = TestKafka.shared();
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void theOtherServices(DynamicPropertyRegistry registry) {
        registry.add("coffeeshop.operator.barista-worker-url", barista::url);
        registry.add("coffeeshop.operator.notification-service-url", counter::url);
    }

    /** An order placed by a customer, as the API answers it. */
    JsonNode place(String name) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
                        .header("Authorization", CUSTOMER)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"customerName":"%s","paymentToken":"tok_approve",
                                 "items":[{"drink":"latte","size":"medium","quantity":2,"options":["oat-milk"]}]}""".formatted(name)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("placing an order answered " + response.statusCode() + response.body());
        }
        return json.readTree(response.body());
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static UUID id(JsonNode order) {
        return UUID.fromString(order.get("id").asString());
    }
}
