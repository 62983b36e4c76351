package dev.coffeeshop.barista.brewing;

import static dev.coffeeshop.barista.brewing.Orders.awaitOutcome;
import static dev.coffeeshop.barista.brewing.Orders.line;
import static dev.coffeeshop.barista.brewing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.testsupport.TestIssuer;
import dev.coffeeshop.testsupport.TestKafka;
import jakarta.servlet.Filter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One order as the baristas recorded it, read by staff through {@code /staff/orders/{id}/timeline} with the access
 * rules the server applies. In this package so that it shares the one application context of the barista's
 * integration tests (see {@link BaristaIntegrationTest}).
 */
@BaristaIntegrationTest
class StaffTimelineTests {

    static final String STAFF = "Bearer " + TestIssuer.shared().staffToken();
    static final JsonMapper json = JsonMapper.builder().build();

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @Autowired
    WebApplicationContext context;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter accessRules;

    MockMvcTester mvc;

    @BeforeEach
    void guardTheStaffEndpointsAsTheServerDoes() {
        mvc = MockMvcTester.from(
                context, builder -> builder.addFilter(accessRules, "/*").build());
    }

    @Test
    void showsAMadeOrderFromPickUpToHandoverInTheOrderItHappened() {
        // given an order the baristas made
        OrderPlaced placed = order("Ada", line("latte", "medium", 2));
        kafka.publish(placed);
        assertThat(awaitOutcome(kafka, placed.orderId())).isInstanceOf(OrderReady.class);

        // when
        MvcTestResult response = staff(placed.orderId());

        // then
        assertThat(response).hasStatusOk();
        JsonNode body = json.readTree(response.getResponse().getContentAsByteArray());
        assertThat(body.get("orderId").asString()).isEqualTo(placed.orderId().toString());
        List<JsonNode> entries = new ArrayList<>();
        body.get("entries").forEach(entries::add);
        assertThat(entries)
                .extracting(e -> e.get("step").asString())
                .containsExactly("PREPARATION_STARTED", "PREPARATION_READY", "HANDED_OVER");
        assertThat(entries)
                .allSatisfy(e -> assertThat(e.get("service").asString()).isEqualTo("barista-worker"));
        assertThat(entries.getFirst().get("summary").asString()).contains("2 drinks");
        assertThat(entries.getFirst().get("detail").asString()).startsWith("reserved ");
        assertThat(entries)
                .extracting(e -> Instant.parse(e.get("at").asString()))
                .isSorted();
    }

    @Test
    void answersAnOrderItNeverHeardOfWithA404Problem() {
        // when
        MvcTestResult response = staff(UUID.randomUUID());

        // then
        assertThat(response).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response).bodyJson().extractingPath("$.type").asString().endsWith("/order-not-found");
    }

    @Test
    void showsTheTimelineOnlyToStaff() {
        // when
        var customer = mvc.get()
                .uri("/staff/orders/{id}/timeline", UUID.randomUUID())
                .header("Authorization", "Bearer " + TestIssuer.shared().token("ada", "orders:read"))
                .exchange();

        // then
        assertThat(customer).hasStatus(403);
    }

    private MvcTestResult staff(UUID order) {
        return mvc.get()
                .uri("/staff/orders/{id}/timeline", order)
                .header("Authorization", STAFF)
                .exchange();
    }
}
