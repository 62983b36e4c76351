package dev.coffeeshop.notification.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestIssuer;
import dev.coffeeshop.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The ledger of deliveries read by staff while notifications are being delivered, on a real broker and database. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class StaffDeliveriesTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void connectHttp() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + TestIssuer.shared().staffToken())
                .build();
    }

    @Test
    void listsEveryNotificationDeliveredSinceAnInstantOncePageByPage() {
        // given an order told about before the instant, and two told about twice after it
        UUID earlier = UUID.randomUUID();
        Instant before = Instant.now();
        kafka.publish(placed(earlier));
        await().atMost(PATIENCE).until(() -> delivered(before, 1000, earlier).size() == 1);
        Instant since = Instant.now();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        for (UUID order : List.of(first, second)) {
            kafka.publish(placed(order));
            kafka.publish(new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada"));
        }

        // when staff walk through the ledger one delivery at a time, once all four were delivered
        await().atMost(PATIENCE)
                .until(() -> delivered(since, 1000, first, second).size() == 4);
        List<JsonNode> deliveries = delivered(since, 1, earlier, first, second);

        // then each notification of the later orders is there once, through the channel that delivered it
        assertThat(deliveries)
                .extracting(
                        d -> d.get("orderId").asString() + " " + d.get("kind").asString())
                .containsExactlyInAnyOrder(
                        first + " RECEIVED", first + " READY_FOR_PICKUP",
                        second + " RECEIVED", second + " READY_FOR_PICKUP");
        assertThat(deliveries)
                .allSatisfy(d -> assertThat(d.get("channel").asString()).isEqualTo("log"));
    }

    /** The deliveries of {@code orders} since {@code since}, read page by page, {@code limit} entries a page. */
    private List<JsonNode> delivered(Instant since, int limit, UUID... orders) {
        Set<String> wanted = new HashSet<>();
        for (UUID order : orders) {
            wanted.add(order.toString());
        }
        var deliveries = new ArrayList<JsonNode>();
        String after = null;
        int pages = 0;
        do {
            String cursor = after;
            JsonNode page = http.get()
                    .uri(uri -> uri.path("/staff/ledgers/deliveries")
                            .queryParam("since", since.toString())
                            .queryParam("limit", limit)
                            .queryParamIfPresent("after", Optional.ofNullable(cursor))
                            .build())
                    .retrieve()
                    .body(JsonNode.class);
            assertThat(page.get("entries").size()).isLessThanOrEqualTo(limit);
            page.get("entries").forEach(d -> {
                if (wanted.contains(d.get("orderId").asString())) {
                    deliveries.add(d);
                }
            });
            after = page.get("next").isNull() ? null : page.get("next").asString();
            assertThat(++pages).isLessThan(100_000);
        } while (after != null);
        return deliveries;
    }

    private static OrderPlaced placed(UUID order) {
        return new OrderPlaced(
                UUID.randomUUID(),
                order,
                Instant.now(),
                "Ada",
                List.of(new LineItem("latte", "large", 1, List.of())),
                490,
                "EUR");
    }
}
