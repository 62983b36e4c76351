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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** The pickup counter's ledger as staff read it, page by page, with a staff token. */
@BaristaIntegrationTest
class StaffHandoversTests {

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
    void listsEveryHandoverSinceAnInstantOnceWithItsDrinks() {
        // given an order made before the instant and three after it
        OrderPlaced before = order("Ada", line("latte", "small", 1));
        kafka.publish(before);
        assertThat(awaitOutcome(kafka, before.orderId())).isInstanceOf(OrderReady.class);
        Instant since = Instant.now();
        List<OrderPlaced> after = List.of(
                order("Bo", line("latte", "small", 1)),
                order("Cy", line("espresso", "medium", 2)),
                order("Di", line("mocha", "large", 1), line("latte", "small", 1)));
        after.forEach(kafka::publish);
        after.forEach(o -> assertThat(awaitOutcome(kafka, o.orderId())).isInstanceOf(OrderReady.class));

        // when staff walk through the ledger one handover at a time
        List<JsonNode> pages = walk(since, 1);

        // then each of the later orders is there once, with its drinks
        assertThat(pages)
                .allSatisfy(page -> assertThat(page.get("entries").size()).isLessThanOrEqualTo(1));
        assertThat(pages.getLast().get("next").isNull()).isTrue();
        Set<UUID> ours = Set.of(
                before.orderId(),
                after.get(0).orderId(),
                after.get(1).orderId(),
                after.get(2).orderId());
        Map<UUID, Integer> drinks = new HashMap<>();
        var seen = new ArrayList<UUID>();
        for (JsonNode page : pages) {
            for (JsonNode handover : page.get("entries")) {
                UUID order = UUID.fromString(handover.get("orderId").asString());
                if (ours.contains(order)) {
                    seen.add(order);
                    drinks.put(order, handover.get("drinks").asInt());
                    assertThat(Instant.parse(handover.get("handedOverAt").asString()))
                            .isAfterOrEqualTo(since.truncatedTo(ChronoUnit.MICROS));
                }
            }
        }
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        after.get(0).orderId(),
                        after.get(1).orderId(),
                        after.get(2).orderId());
        assertThat(drinks)
                .containsEntry(after.get(0).orderId(), 1)
                .containsEntry(after.get(1).orderId(), 2)
                .containsEntry(after.get(2).orderId(), 2);
    }

    @Test
    void answersAQueryItCannotReadWithAProblemNamingEachParameter() {
        // when
        MvcTestResult noInstantNoLimit = staff("/staff/ledgers/handovers?limit=0");
        MvcTestResult strangeCursor = staff("/staff/ledgers/handovers?since=2026-11-23T10:00:00Z&after=x");

        // then
        assertThat(noInstantNoLimit).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(noInstantNoLimit)
                .bodyJson()
                .extractingPath("$.type")
                .asString()
                .endsWith("/invalid-request");
        assertThat(noInstantNoLimit)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .containsExactly("since", "limit");
        assertThat(strangeCursor).hasStatus(400);
        assertThat(strangeCursor)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .containsExactly("after");
    }

    @Test
    void showsTheLedgerOnlyToStaff() {
        // when
        var stranger = mvc.get()
                .uri("/staff/ledgers/handovers?since=2026-11-23T10:00:00Z")
                .exchange();
        var customer = mvc.get()
                .uri("/staff/ledgers/handovers?since=2026-11-23T10:00:00Z")
                .header("Authorization", "Bearer " + TestIssuer.shared().token("ada", "orders:read"))
                .exchange();

        // then
        assertThat(stranger).hasStatus(401);
        assertThat(customer).hasStatus(403);
    }

    private List<JsonNode> walk(Instant since, int limit) {
        var pages = new ArrayList<JsonNode>();
        String after = null;
        do {
            var request = mvc.get()
                    .uri("/staff/ledgers/handovers")
                    .header("Authorization", STAFF)
                    .param("since", since.toString())
                    .param("limit", Integer.toString(limit));
            if (after != null) {
                request.param("after", after);
            }
            MvcTestResult response = request.exchange();
            assertThat(response).hasStatusOk();
            JsonNode page = json.readTree(response.getResponse().getContentAsByteArray());
            pages.add(page);
            after = page.get("next").isNull() ? null : page.get("next").asString();
            assertThat(pages).hasSizeLessThan(10_000);
        } while (after != null);
        return pages;
    }

    private MvcTestResult staff(String uri) {
        return mvc.get().uri(uri).header("Authorization", STAFF).exchange();
    }
}
