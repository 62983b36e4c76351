package dev.coffeeshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.Topics;
import dev.coffeeshop.local.stack.AccessTokens;
import dev.coffeeshop.local.stack.DatabaseConnection;
import dev.coffeeshop.local.stack.LocalStack;
import dev.coffeeshop.local.stack.Service;
import dev.coffeeshop.local.stack.StackSettings;
import dev.coffeeshop.testsupport.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The saga of an order (docs/order-states.md) with the whole shop running as processes: the payment authorized at the
 * till and captured once the drink is made, voided when it cannot be made or the customer cancels in time, a
 * cancellation that comes too late, and an order given up at its deadline whose drink turns up afterwards.
 *
 * <p>One stack serves every test, so its timing is chosen for all of them. A drink takes {@link #PER_DRINK} (1 s), an
 * order as many seconds as it has drinks, and every order has a deadline of {@link #DEADLINE} (8 s) after it is
 * placed:
 *
 * <ul>
 *   <li>one or two drinks are made well inside the deadline, leaving some 6 s for the messages around them even on a
 *       busy machine;
 *   <li>{@link #BLOCKER_DRINKS} (5) drinks keep a barista busy for 5 s: long enough for a cancellation to reach the
 *       baristas while an order waits behind it, short enough to finish inside the deadline (a second one queued on
 *       the same consumer thread may pass its deadline and be written off; nothing is asserted about these);
 *   <li>{@link #LATE_DRINKS} (10) drinks take longer than the deadline: the order is given up at 8 s and its drink turns
 *       up at about 10 s.
 * </ul>
 *
 * Each test starts once the baristas are idle again (nothing being made, every order consumed), so the backlog one
 * test builds up does not delay the next.
 */
class SagaEndToEndTests {

    static final Duration PER_DRINK = Duration.ofSeconds(1);
    static final Duration DEADLINE = Duration.ofSeconds(8);
    static final int BLOCKER_DRINKS = 5;
    static final int LATE_DRINKS = 10;
    static final Duration FLOW = Duration.ofSeconds(30);
    static final String BARISTAS = "barista-worker";

    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    static Path data;

    static LocalStack stack;
    /** The tools' client of the stack's identity provider: every order and every look at one carries its token. */
    static AccessTokens tokens;

    static TestKafka kafka;
    static Admin admin;

    @BeforeAll
    static void startTheShop() {
        Path root = Path.of("").toAbsolutePath().getParent();
        stack = LocalStack.start(TestStacks.withTestInfrastructure(StackSettings.defaults(root)
                .withDataDirectory(data)
                .onFreePorts()
                .withServiceEnvironment(Map.of(
                        "COFFEESHOP_BARISTA_PREPARATION_TIME", PER_DRINK.toMillis() + "ms",
                        "COFFEESHOP_INTAKE_PREPARATION_DEADLINE", DEADLINE.toSeconds() + "s"))));
        tokens = stack.toolsTokens(http);
        kafka = new TestKafka(stack.kafkaBootstrapServers(), stack.kafkaToolsSettings());
        var adminConfig = new java.util.HashMap<String, Object>(stack.kafkaToolsSettings());
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        admin = Admin.create(adminConfig);
    }

    @AfterAll
    static void stopTheShop() {
        if (admin != null) {
            admin.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void baristasAreIdle() {
        await().atMost(FLOW).until(SagaEndToEndTests::baristasIdle);
    }

    @Test
    void aMadeOrderIsAuthorizedAtTheTillAndCapturedOnceItIsReady() throws Exception {
        // given
        UUID id = place("latte", 1);
        assertThat(order(id).get("payment").asString()).isEqualTo("AUTHORIZED");

        // when
        await().atMost(FLOW).until(() -> status(id).equals("READY"));

        // then
        await().atMost(FLOW).until(() -> payment(id).equals("CAPTURED"));
        assertThat(timeline(id)).containsExactly("PLACED", "READY");
        assertThat(providerOperations(id)).containsExactly("AUTHORIZE", "CAPTURE");
    }

    @Test
    void anOrderThatCannotBeMadeHasItsAuthorizationVoidedAndIsNeverCharged() throws Exception {
        // given
        UUID id = place("pumpkin-spice-latte", 1);

        // when
        await().atMost(FLOW).until(() -> status(id).equals("REFUNDED"));

        // then
        assertThat(payment(id)).isEqualTo("VOIDED");
        assertThat(timeline(id)).containsExactly("PLACED", "REJECTED", "REFUNDED");
        assertThat(providerOperations(id)).containsExactly("AUTHORIZE", "VOID");
        await().atMost(FLOW).until(() -> notificationKinds(id).contains("REFUNDED"));
        assertThat(notificationKinds(id)).doesNotContain("READY_FOR_PICKUP");
    }

    @Test
    void aCancellationThatReachesTheBaristasBeforeTheOrderIsStartedWins() throws Exception {
        // given every barista busy for seconds, so the next order waits in the backlog
        keepEveryBaristaBusy();
        UUID id = place("flat-white", 1);

        // when the customer cancels at once
        var cancel = cancel(id);

        // then the baristas stop it before starting it, and the authorization is voided
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        await().atMost(FLOW).until(() -> status(id).equals("CANCELLED"));
        assertThat(payment(id)).isEqualTo("VOIDED");
        assertThat(timeline(id)).containsExactly("PLACED", "CANCEL_REQUESTED", "CANCELLATION_ACCEPTED", "CANCELLED");
        assertThat(providerOperations(id)).containsExactly("AUTHORIZE", "VOID");
        // and once the baristas have worked through their backlog, it was never made
        await().atMost(FLOW).until(SagaEndToEndTests::baristasIdle);
        assertThat(count(Service.BARISTA_WORKER, "SELECT count(*) FROM handovers WHERE order_id = ?", id))
                .isZero();
        await().atMost(FLOW).until(() -> notificationKinds(id).equals(List.of("RECEIVED", "CANCELLED")));
        assertThat(cancel(id).statusCode()).as("cancelling again").isEqualTo(202);
    }

    @Test
    void aCancellationThatComesWhileTheDrinkIsBeingMadeLosesAndTheOrderIsCharged() throws Exception {
        // given an order a barista has started on
        UUID id = place("cappuccino", 2);
        await().atMost(FLOW).until(() -> preparation(id).equals("IN_PREPARATION"));

        // when the customer cancels
        var cancel = cancel(id);

        // then the baristas finish it anyway: the order is ready and charged
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        await().atMost(FLOW).until(() -> status(id).equals("READY"));
        await().atMost(FLOW).until(() -> payment(id).equals("CAPTURED"));
        assertThat(timeline(id))
                .as("refused, or made before the refusal arrived")
                .isIn(
                        List.of("PLACED", "CANCEL_REQUESTED", "CANCELLATION_REFUSED", "READY"),
                        List.of("PLACED", "CANCEL_REQUESTED", "READY"));
        assertThat(providerOperations(id)).containsExactly("AUTHORIZE", "CAPTURE");
        await().atMost(FLOW).until(() -> notificationKinds(id).contains("READY_FOR_PICKUP"));
        assertThat(notificationKinds(id)).doesNotContain("CANCELLED", "REFUNDED");
        var tooLate = cancel(id);
        assertThat(tooLate.statusCode()).isEqualTo(409);
        assertThat(json.readTree(tooLate.body()).get("type").asString()).endsWith("/order-not-cancellable");
    }

    @Test
    void anOrderNotReadyByItsDeadlineIsGivenUpAndItsLateDrinkWrittenOffNeverCharged() throws Exception {
        // given an order that takes longer to make than its deadline allows
        UUID id = place("americano", LATE_DRINKS);
        JsonNode placed = order(id);
        Instant placedAt = Instant.parse(placed.get("timeline").get(0).get("at").asString());
        assertThat(Duration.between(
                        placedAt, Instant.parse(placed.get("deadline").asString())))
                .isEqualTo(DEADLINE);
        await().atMost(FLOW).until(() -> preparation(id).equals("IN_PREPARATION"));

        // when its deadline passes
        await().atMost(FLOW).until(() -> status(id).equals("REFUNDED"));

        // then the money went back at once
        assertThat(payment(id)).isEqualTo("VOIDED");
        assertThat(timeline(id)).startsWith("PLACED", "DEADLINE_EXCEEDED");
        // and when the drink turns up, it is written off and never charged
        await().atMost(FLOW).until(() -> timeline(id).contains("WRITTEN_OFF"));
        assertThat(status(id)).isEqualTo("REFUNDED");
        assertThat(timeline(id))
                .containsExactlyInAnyOrder("PLACED", "DEADLINE_EXCEEDED", "REFUNDED", "WRITTEN_OFF")
                .startsWith("PLACED", "DEADLINE_EXCEEDED");
        assertThat(payment(id)).isEqualTo("VOIDED");
        assertThat(providerOperations(id)).containsExactly("AUTHORIZE", "VOID");
    }

    @Test
    void theStaffViewOfOrdersAnswersOnlyWithTheStacksStaffToken() throws Exception {
        // given
        var request = HttpRequest.newBuilder(url(Service.ORDER_INTAKE, "/staff/orders/parked"))
                .GET();

        // when
        var withoutToken = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        var withToken = http.send(
                request.header("Authorization", stack.operatorTokens(http).header())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
    }

    /**
     * Places long orders until each of the baristas' consumer threads has one on a partition it reads, then waits
     * until each thread is making one: an order placed now waits behind a {@link #BLOCKER_DRINKS}-drink order
     * whatever partition it lands on. An order's partition is the producer's default for its key, the order id.
     */
    private static void keepEveryBaristaBusy() throws Exception {
        Map<String, Set<Integer>> threads = baristaThreads();
        int partitions = threads.values().stream().mapToInt(Set::size).sum();
        var busy = new HashSet<String>();
        var blockers = new ArrayList<UUID>();
        while (busy.size() < threads.size()) {
            assertThat(blockers).as("orders placed to occupy every barista").hasSizeLessThan(30);
            UUID blocker = place("latte", BLOCKER_DRINKS);
            blockers.add(blocker);
            int partition =
                    Utils.toPositive(Utils.murmur2(blocker.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
            threads.forEach((thread, assigned) -> {
                if (assigned.contains(partition)) {
                    busy.add(thread);
                }
            });
        }
        String making = "SELECT count(*) FROM preparations WHERE status = 'IN_PREPARATION' AND order_id IN ("
                + String.join(",", blockers.stream().map(b -> "'" + b + "'").toList()) + ")";
        await().atMost(FLOW).until(() -> count(Service.BARISTA_WORKER, making) == threads.size());
    }

    /** The baristas' consumer threads, each with the partitions of the orders topic it reads. */
    private static Map<String, Set<Integer>> baristaThreads() {
        var threads = new HashMap<String, Set<Integer>>();
        await().atMost(FLOW).until(() -> {
            threads.clear();
            var group = admin.describeConsumerGroups(List.of(BARISTAS))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(BARISTAS);
            for (MemberDescription member : group.members()) {
                var partitions = new HashSet<Integer>();
                for (TopicPartition p : member.assignment().topicPartitions()) {
                    if (p.topic().equals(Topics.ORDERS)) {
                        partitions.add(p.partition());
                    }
                }
                if (!partitions.isEmpty()) {
                    threads.put(member.consumerId(), partitions);
                }
            }
            int assigned = threads.values().stream().mapToInt(Set::size).sum();
            int total = admin.describeTopics(List.of(Topics.ORDERS))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(Topics.ORDERS)
                    .partitions()
                    .size();
            return assigned == total;
        });
        return threads;
    }

    /** Nothing being made, and every order on the topic consumed by the baristas. */
    private static boolean baristasIdle() throws Exception {
        return count(Service.BARISTA_WORKER, "SELECT count(*) FROM preparations WHERE status = 'IN_PREPARATION'") == 0
                && kafka.consumedPast(BARISTAS, kafka.records(Topics.ORDERS, null));
    }

    private static UUID place(String drink, int quantity) throws Exception {
        String body = """
                {"customerName":"%s","paymentToken":"tok_approve",
                 "items":[{"drink":"%s","size":"medium","quantity":%d,"options":[]}]}""".formatted("Saga-" + UUID.randomUUID().toString().substring(0, 8), drink, quantity);
        var response = http.send(
                HttpRequest.newBuilder(url(Service.ORDER_INTAKE, "/orders"))
                        .header("Authorization", tokens.header())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return UUID.fromString(json.readTree(response.body()).get("id").asString());
    }

    private static HttpResponse<String> cancel(UUID id) throws Exception {
        return http.send(
                HttpRequest.newBuilder(url(Service.ORDER_INTAKE, "/orders/" + id + "/cancel"))
                        .header("Authorization", tokens.header())
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(Service service, String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(url(service, path))
                        .header("Authorization", tokens.header())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static JsonNode order(UUID id) throws Exception {
        return get(Service.ORDER_INTAKE, "/orders/" + id);
    }

    private static String status(UUID id) throws Exception {
        return order(id).get("status").asString();
    }

    private static String payment(UUID id) throws Exception {
        return order(id).get("payment").asString();
    }

    private static List<String> timeline(UUID id) throws Exception {
        var steps = new ArrayList<String>();
        order(id).get("timeline").forEach(e -> steps.add(e.get("status").asString()));
        return steps;
    }

    private static List<String> notificationKinds(UUID id) throws Exception {
        var kinds = new ArrayList<String>();
        get(Service.NOTIFICATION_SERVICE, "/orders/" + id + "/notifications")
                .get("notifications")
                .forEach(n -> kinds.add(n.get("kind").asString()));
        return kinds;
    }

    /** What the payment provider did with the order's payment, in order: its own ledger in the intake database. */
    private static List<String> providerOperations(UUID id) throws Exception {
        DatabaseConnection db = stack.database(Service.ORDER_INTAKE);
        try (var connection = DriverManager.getConnection(db.url(), db.username(), db.password());
                var statement = connection.prepareStatement("""
                        SELECT p.operation FROM sandbox_payments p JOIN orders o
                          ON p.result_id = o.payment_id OR p.reference = o.payment_id
                        WHERE o.id = ? ORDER BY p.id""")) {
            statement.setObject(1, id);
            var operations = new ArrayList<String>();
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    operations.add(rs.getString(1));
                }
            }
            return operations;
        }
    }

    /** The baristas' preparation of the order: IN_PREPARATION, READY, ...; NONE before they picked it up. */
    private static String preparation(UUID id) throws Exception {
        DatabaseConnection db = stack.database(Service.BARISTA_WORKER);
        try (var connection = DriverManager.getConnection(db.url(), db.username(), db.password());
                var statement = connection.prepareStatement("SELECT status FROM preparations WHERE order_id = ?")) {
            statement.setObject(1, id);
            try (var rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : "NONE";
            }
        }
    }

    private static long count(Service service, String sql, Object... parameters) throws Exception {
        DatabaseConnection db = stack.database(service);
        try (var connection = DriverManager.getConnection(db.url(), db.username(), db.password());
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rs = statement.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static URI url(Service service, String path) {
        return URI.create(stack.baseUrl(service) + path);
    }
}
