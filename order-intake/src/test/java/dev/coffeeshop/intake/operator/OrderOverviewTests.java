package dev.coffeeshop.intake.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.intake.operator.StandInService.Behaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /staff/orders/{id}/overview} over real HTTP: the cashier's own records merged with what the stand-ins of
 * the baristas and the pickup counter answer, in time order, with a part per service and the trace link.
 */
class OrderOverviewTests extends OperatorPageContext {

    @BeforeEach
    void everyServiceAnswers() {
        barista.behave(Behaviour.ANSWERS);
        counter.behave(Behaviour.ANSWERS);
    }

    @Test
    void mergesEveryServicesEntriesInTimeOrderWhileOneDoesNotAnswer() throws Exception {
        // given an order, what the baristas recorded about it, and a pickup counter that stopped answering
        UUID order = id(place("Ada"));
        Instant placed = placedAt(order);
        var steps = new LinkedHashMap<String, Instant>();
        steps.put("PREPARATION_STARTED", placed.plusMillis(30));
        steps.put("HANDED_OVER", placed.plusMillis(800));
        barista.recorded(order, steps);
        counter.behave(Behaviour.HANGS);

        // when
        long started = System.nanoTime();
        var response = get("/staff/orders/" + order + "/overview", STAFF);

        // then the page has what answered, says who did not, and was not held up by it for long
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode overview = json.readTree(response.body());
        assertThat(overview.get("order").get("customerName").asString()).isEqualTo("Ada");
        assertThat(overview.get("order").get("owner").asString()).isEqualTo("ada");
        List<JsonNode> entries = list(overview.get("entries"));
        assertThat(entries)
                .extracting(
                        e -> e.get("service").asString() + " " + e.get("step").asString())
                .containsExactly(
                        "order-intake PLACED", "barista-worker PREPARATION_STARTED", "barista-worker HANDED_OVER");
        assertThat(entries)
                .extracting(e -> Instant.parse(e.get("at").asString()))
                .isSorted();
        assertThat(list(overview.get("parts")))
                .extracting(p -> p.get("service").asString() + " "
                        + p.get("answer").asString() + " " + p.get("message").asString(null))
                .containsExactly(
                        "order-intake ANSWERED null",
                        "barista-worker ANSWERED null",
                        "notification-service UNAVAILABLE notification-service did not answer within 1 s");
        assertThat(overview.get("trace").asString()).isEqualTo(TRACE_VIEWER.replace("{orderId}", order.toString()));
        assertThat(barista.authorizations()).last().isEqualTo(STAFF);
    }

    @Test
    void answersAnOrderTheCashierNeverTookWithA404ProblemAndAsksNoOtherService() throws Exception {
        // given
        int asked = barista.authorizations().size();

        // when
        var response = get("/staff/orders/" + UUID.randomUUID() + "/overview", STAFF);

        // then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("type").asString()).endsWith("/order-not-found");
        assertThat(barista.authorizations()).hasSize(asked);
    }

    @Test
    void showsTheOverviewAndTheCashiersTimelineOnlyToStaff() throws Exception {
        // given an order of the customer's own
        UUID order = id(place("Bo"));

        // when
        var overview = get("/staff/orders/" + order + "/overview", CUSTOMER);
        var timeline = get("/staff/orders/" + order + "/timeline", CUSTOMER);

        // then
        assertThat(overview.statusCode()).isEqualTo(403);
        assertThat(timeline.statusCode()).isEqualTo(403);
    }

    @Test
    void answersTheCashiersOwnPartAsEveryServiceDoes() throws Exception {
        // given
        UUID order = id(place("Cy"));

        // when
        var response = get("/staff/orders/" + order + "/timeline", STAFF);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode timeline = json.readTree(response.body());
        assertThat(timeline.get("service").asString()).isEqualTo("order-intake");
        JsonNode placedStep = timeline.get("entries").get(0);
        assertThat(placedStep.get("step").asString()).isEqualTo("PLACED");
        assertThat(placedStep.get("detail").asString()).isEqualTo("2 × medium latte (oat-milk); 8.60 EUR");
        assertThat(get("/staff/orders/" + UUID.randomUUID() + "/timeline", STAFF)
                        .statusCode())
                .isEqualTo(404);
    }

    private Instant placedAt(UUID order) throws Exception {
        JsonNode timeline =
                json.readTree(get("/staff/orders/" + order + "/timeline", STAFF).body());
        return Instant.parse(timeline.get("entries").get(0).get("at").asString());
    }

    private static List<JsonNode> list(JsonNode array) {
        var list = new ArrayList<JsonNode>();
        array.forEach(list::add);
        return list;
    }
}
