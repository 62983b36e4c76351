package dev.coffeeshop.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How the demo judges one order's trace as Zipkin's API returns it. */
class TraceCheckTests {

    static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void takesATraceThroughTheThreeServicesWithEveryParentInItAsWhole() {
        // given
        JsonNode trace = trace(
                span("a1", null, "order-intake", "http post /orders"),
                span("b1", "a1", "barista-worker", "process coffeeshop.intake.orders"),
                span("n1", "a1", "notification-service", "process coffeeshop.intake.orders"),
                span("w1", "n1", "notification-service", "webhook RECEIVED"),
                span("i2", "b1", "order-intake", "process coffeeshop.barista.preparations"));

        // when
        var verdict = TraceCheck.judge("o-1", trace, true, false);

        // then
        assertThat(verdict.whole()).as(String.valueOf(verdict.problem())).isTrue();
        assertThat(verdict.traceId()).isEqualTo("t1");
    }

    @Test
    void refusesATraceWhereAConsumerStartedOverOrAServiceIsMissing() {
        // given: the barista's span names a parent the trace does not hold
        JsonNode orphan = trace(
                span("a1", null, "order-intake", "http post /orders"),
                span("b1", "zz", "barista-worker", "process coffeeshop.intake.orders"),
                span("n1", "a1", "notification-service", "process coffeeshop.intake.orders"));
        JsonNode withoutNotifications = trace(
                span("a1", null, "order-intake", "http post /orders"),
                span("b1", "a1", "barista-worker", "process coffeeshop.intake.orders"));

        // when / then
        assertThat(TraceCheck.judge("o-1", orphan, false, false).problem()).contains("has no parent in the trace");
        assertThat(TraceCheck.judge("o-1", withoutNotifications, false, false).problem())
                .contains("no span of notification-service");
    }

    @Test
    void wantsTheWebhooksSpanWhenTheOrderNamedACallback() {
        // given
        JsonNode trace = trace(
                span("a1", null, "order-intake", "http post /orders"),
                span("b1", "a1", "barista-worker", "process coffeeshop.intake.orders"),
                span("n1", "a1", "notification-service", "process coffeeshop.intake.orders"));

        // when / then
        assertThat(TraceCheck.judge("o-1", trace, false, false).whole()).isTrue();
        assertThat(TraceCheck.judge("o-1", trace, true, false).problem()).contains("webhook");
    }

    @Test
    void wantsTheRefundsSpanInTheTraceOfARefundedOrder() {
        // given: the barista rejected the order; the cashier voided its payment later, from its table
        JsonNode withRefund = trace(
                span("a1", null, "order-intake", "http post /orders"),
                span("b1", "a1", "barista-worker", "process coffeeshop.intake.orders"),
                span("n1", "a1", "notification-service", "process coffeeshop.intake.orders"),
                span("i2", "b1", "order-intake", "process coffeeshop.barista.preparations"),
                span("p1", "i2", "order-intake", "payment void"),
                span("n2", "p1", "notification-service", "process coffeeshop.intake.payments"));
        JsonNode refundOnItsOwn = trace(
                span("a1", null, "order-intake", "http post /orders"),
                span("b1", "a1", "barista-worker", "process coffeeshop.intake.orders"),
                span("n1", "a1", "notification-service", "process coffeeshop.intake.orders"),
                span("p1", null, "order-intake", "payment refund"));

        // when / then
        assertThat(TraceCheck.judge("o-1", withRefund, false, true).whole()).isTrue();
        assertThat(TraceCheck.judge("o-1", refundOnItsOwn, false, true).problem())
                .contains("void or refund");
    }

    private static JsonNode trace(String... spans) {
        return json.readTree("[" + String.join(",", spans) + "]");
    }

    private static String span(String id, String parent, String service, String name) {
        return """
                {"traceId":"t1","id":"%s",%s"name":"%s","localEndpoint":{"serviceName":"%s"}}""".formatted(id, parent == null ? "" : "\"parentId\":\"" + parent + "\",", name, service);
    }
}
