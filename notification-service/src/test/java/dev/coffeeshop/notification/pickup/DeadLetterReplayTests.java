package dev.coffeeshop.notification.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestIssuer;
import dev.coffeeshop.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Operators list this service's dead-letter topics and replay their records through {@code /staff/dead-letters},
 * against the real broker with its ACLs: a replay goes to the group's own replay topic, which the service may write. The token comes from {@code src/test/resources/config/application.properties}.
 */
// exactly NotificationServiceTests' configuration: the cached context is reused, no second consumer joins the group
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class DeadLetterReplayTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String TOKEN = TestIssuer.shared().staffToken();
    static final String GROUP = "notification-service";
    static final String ORDERS_DLQ = Topics.deadLetter(Topics.ORDERS, GROUP);
    static final String PREPARATIONS_DLQ = Topics.deadLetter(Topics.PREPARATIONS, GROUP);
    static final String ORDERS_REPLAY = Topics.replay(Topics.ORDERS, GROUP);

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    final EventCodec codec = new EventCodec();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    RestClient http;

    @BeforeEach
    void connectHttp() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {})
                .build();
    }

    @Test
    void refusesTheStaffEndpointsWithoutTheTokenWithAProblemAndABearerChallenge() {
        // when
        var withoutToken = http.get().uri("/staff/dead-letters").retrieve().toEntity(Problem.class);
        var wrongToken = http.get()
                .uri("/staff/dead-letters")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-the-token")
                .retrieve()
                .toEntity(Problem.class);

        // then
        assertThat(withoutToken.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(withoutToken.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .startsWith("Bearer");
        assertThat(withoutToken.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(withoutToken.getBody().status()).isEqualTo(401);
        assertThat(withoutToken.getBody().instance()).isEqualTo("/staff/dead-letters");
        assertThat(wrongToken.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void guardsEveryPathUnderStaffEvenOnesThatDoNotExist() {
        // when
        var response = http.post().uri("/staff/anything/else").retrieve().toEntity(Problem.class);

        // then
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void listsItsDeadLetterTopicsWithTheNumberOfRecordsInEach() {
        // given
        long before = count(ORDERS_DLQ);
        var garbage = Map.of(
                CloudEventHeaders.TYPE,
                "coffeeshop.order.placed.v1",
                CloudEventHeaders.ID,
                UUID.randomUUID().toString());

        // when
        kafka.publishRaw(Topics.ORDERS, UUID.randomUUID().toString(), garbage, "nope".getBytes(StandardCharsets.UTF_8));

        // then
        await().atMost(PATIENCE).until(() -> count(ORDERS_DLQ) == before + 1);
        assertThat(list().getBody().topics())
                .extracting(TopicCount::topic)
                .containsExactlyInAnyOrder(ORDERS_DLQ, PREPARATIONS_DLQ);
        assertThat(list().getBody().topics())
                .filteredOn(t -> t.topic().equals(ORDERS_DLQ))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.exists()).isTrue();
                    assertThat(t.sources())
                            .extracting(Source::originalTopic)
                            .containsExactly(Topics.ORDERS, ORDERS_REPLAY);
                });
    }

    @Test
    void answersAProblemForATopicThatIsNotOneOfItsDeadLetterTopics() {
        // when
        var response = staff(http.get().uri("/staff/dead-letters/{topic}", Topics.ORDERS))
                .retrieve()
                .toEntity(Problem.class);
        var replay = staff(http.post().uri("/staff/dead-letters/{topic}/0/0/replay", Topics.ORDERS))
                .retrieve()
                .toEntity(Problem.class);

        // then
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().detail()).contains("not a dead-letter topic");
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void answersAProblemForAnOffsetTheDeadLetterTopicDoesNotHold() {
        // when
        var response = staff(
                        http.post().uri("/staff/dead-letters/{topic}/0/{offset}/replay", ORDERS_DLQ, Long.MAX_VALUE))
                .retrieve()
                .toEntity(Problem.class);

        // then
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getBody().status()).isEqualTo(404);
    }

    @Test
    void notifiesTheCustomerWhenARecordDeadLetteredDuringAnOutageIsReplayed() {
        // given an order placed that was dead-lettered while the database was down
        OrderPlaced placed = placed(UUID.randomUUID());
        RecordMetadata dead = deadLetter(placed, "Could not open JDBC Connection for transaction");
        DeadLetter shown = record(ORDERS_DLQ, dead);
        assertThat(shown.ceId()).isEqualTo(placed.eventId().toString());
        assertThat(shown.ceType()).isEqualTo("coffeeshop.order.placed.v1");
        assertThat(shown.originalTopic()).isEqualTo(Topics.ORDERS);
        assertThat(shown.reason()).isEqualTo("Could not open JDBC Connection for transaction");
        assertThat(shown.payload()).contains(placed.orderId().toString());
        assertThat(kinds(placed.orderId())).isEmpty();

        // when
        var replayed = replay(ORDERS_DLQ, dead);

        // then it went to this group's own replay topic, which the binding reads, not to the cashier's topic
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(replayed.getBody().topic()).isEqualTo(ORDERS_REPLAY);
        await().atMost(PATIENCE).until(() -> kinds(placed.orderId()), kinds -> kinds.equals(List.of("RECEIVED")));
        await().atMost(PATIENCE).until(() -> deliveries(placed.orderId()) == 1);
        ConsumerRecord<String, byte[]> republished =
                kafka.records(ORDERS_REPLAY, placed.orderId().toString()).getFirst();
        assertThat(TestKafka.header(republished, "coffeeshop-replayed-from"))
                .isEqualTo("%s/%d/%d".formatted(ORDERS_DLQ, dead.partition(), dead.offset()));
        assertThat(TestKafka.header(republished, CloudEventHeaders.ID))
                .isEqualTo(placed.eventId().toString());
        assertThat(republished.headers().lastHeader("x-exception-message")).isNull();
        assertThat(republished.headers().lastHeader("x-original-topic")).isNull();
        assertThat(kafka.records(Topics.ORDERS, placed.orderId().toString())).isEmpty();
    }

    @Test
    void replayingAnEventThatWasAlreadyHandledChangesNothingBecauseConsumersDeduplicateOnTheEventId() {
        // given an order whose placement was handled, and a copy of that record on the dead-letter topic
        OrderPlaced placed = placed(UUID.randomUUID());
        kafka.publish(placed);
        await().atMost(PATIENCE).until(() -> deliveries(placed.orderId()) == 1);
        RecordMetadata dead = deadLetter(placed, "a copy of a record that was handled");

        // when
        var replayed = replay(ORDERS_DLQ, dead);

        // then the replayed record is consumed, and the customer still has one notification, delivered once
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(PATIENCE)
                .until(() -> kafka.consumedPast(
                        GROUP, kafka.records(ORDERS_REPLAY, placed.orderId().toString())));
        assertThat(kafka.records(Topics.ORDERS, placed.orderId().toString())).hasSize(1);
        assertThat(kinds(placed.orderId())).containsExactly("RECEIVED");
        assertThat(deliveries(placed.orderId())).isEqualTo(1);
    }

    @Test
    void replaysARecordThatFailedAgainAfterAReplayToTheSameReplayTopic() {
        // given a dead letter whose original topic is the replay topic: it failed again after a replay
        OrderPlaced placed = placed(UUID.randomUUID());
        RecordMetadata dead = deadLetter(placed, ORDERS_REPLAY, "Could not open JDBC Connection for transaction");

        // when
        var replayed = replay(ORDERS_DLQ, dead);

        // then
        assertThat(replayed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(replayed.getBody().topic()).isEqualTo(ORDERS_REPLAY);
        await().atMost(PATIENCE).until(() -> deliveries(placed.orderId()) == 1);
    }

    @Test
    void refusesToReplayARecordWhoseOriginalTopicIsNotAnInputOfThisService() {
        // given a dead letter that claims to come from a topic the notification service does not read
        OrderPlaced placed = placed(UUID.randomUUID());
        RecordMetadata dead = deadLetter(placed, Topics.CANCELLATIONS, "forged");

        // when
        ResponseEntity<Problem> refused = staff(http.post()
                        .uri(
                                "/staff/dead-letters/{topic}/{partition}/{offset}/replay",
                                ORDERS_DLQ,
                                dead.partition(),
                                dead.offset()))
                .retrieve()
                .toEntity(Problem.class);

        // then nothing reached any topic
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused.getBody().detail()).contains(Topics.CANCELLATIONS);
        assertThat(kafka.records(ORDERS_REPLAY, placed.orderId().toString())).isEmpty();
    }

    /** Publishes {@code event} straight onto this service's dead-letter topic, as the binder would have. */
    private RecordMetadata deadLetter(OrderPlaced event, String reason) {
        return deadLetter(event, Topics.ORDERS, reason);
    }

    private RecordMetadata deadLetter(OrderPlaced event, String originalTopic, String reason) {
        var headers = new LinkedHashMap<>(CloudEventHeaders.of(event, "/order-intake"));
        headers.put("x-original-topic", originalTopic);
        headers.put("x-original-partition", "0");
        headers.put("x-original-offset", "42");
        headers.put("x-exception-message", reason);
        headers.put("x-exception-fqcn", "org.springframework.jdbc.CannotGetJdbcConnectionException");
        return kafka.publishRaw(ORDERS_DLQ, event.orderId().toString(), headers, codec.toJson(event));
    }

    private DeadLetter record(String topic, RecordMetadata at) {
        ResponseEntity<Page> page = staff(http.get()
                        .uri(
                                "/staff/dead-letters/{topic}?partition={partition}&from={offset}&limit=1",
                                topic,
                                at.partition(),
                                at.offset()))
                .retrieve()
                .toEntity(Page.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        return page.getBody().records().getFirst();
    }

    private ResponseEntity<Replayed> replay(String topic, RecordMetadata at) {
        return staff(http.post()
                        .uri(
                                "/staff/dead-letters/{topic}/{partition}/{offset}/replay",
                                topic,
                                at.partition(),
                                at.offset()))
                .retrieve()
                .toEntity(Replayed.class);
    }

    private ResponseEntity<DeadLetterTopicsList> list() {
        return staff(http.get().uri("/staff/dead-letters")).retrieve().toEntity(DeadLetterTopicsList.class);
    }

    private long count(String topic) {
        return list().getBody().topics().stream()
                .filter(t -> t.topic().equals(topic))
                .mapToLong(TopicCount::records)
                .sum();
    }

    private static RestClient.RequestHeadersSpec<?> staff(RestClient.RequestHeadersSpec<?> request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
    }

    private List<String> kinds(UUID order) {
        return jdbc.sql("SELECT kind FROM notifications WHERE order_id = ? ORDER BY kind")
                .param(order)
                .query(String.class)
                .list();
    }

    private long deliveries(UUID order) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE order_id = ?")
                .param(order)
                .query(Long.class)
                .single();
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

    record Problem(String type, String title, int status, String detail, String instance) {}

    record DeadLetterTopicsList(List<TopicCount> topics) {}

    record TopicCount(String topic, List<Source> sources, boolean exists, long records) {}

    record Source(String binding, String originalTopic, String group, String topic) {}

    record Page(String topic, List<DeadLetter> records) {}

    record DeadLetter(
            String topic,
            int partition,
            long offset,
            String key,
            String originalTopic,
            Long originalPartition,
            Long originalOffset,
            String reason,
            String ceType,
            String ceId,
            String payload) {}

    record Replayed(String from, int fromPartition, long fromOffset, String topic, int partition, long offset) {}
}
