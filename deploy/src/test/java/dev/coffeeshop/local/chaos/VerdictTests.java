package dev.coffeeshop.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.local.demo.Outcome;
import dev.coffeeshop.local.demo.PlannedOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class VerdictTests {

    /** Today's saga, as docs/order-states.md draws it, in the JSON order-intake publishes at /staff/saga. */
    static final SagaGraph SAGA = SagaGraphTests.fixture("saga-as-documented.json");

    static final JsonMapper JSON = JsonMapper.builder().build();

    final List<LoadDriver.Request> requests = new ArrayList<>();
    final Map<UUID, Ledgers.OrderRecord> orders = new HashMap<>();
    final Map<UUID, List<Instant>> handovers = new HashMap<>();
    final Map<UUID, Integer> captures = new HashMap<>();
    final Map<UUID, Integer> moneyBack = new HashMap<>();
    final Map<UUID, Map<String, Integer>> deliveries = new HashMap<>();
    final List<String> phantoms = new ArrayList<>();

    @Test
    void ordersThatTellTheirWholeStoryOnceAreNeitherLostNorDuplicatedNorUnexpected() {
        UUID ready = acknowledged(Outcome.READY, "READY", "PLACED", "READY");
        made(ready);
        captured(ready);
        notified(ready, "RECEIVED", "READY_FOR_PICKUP");
        UUID refunded = acknowledged(Outcome.REFUNDED, "REFUNDED", "PLACED", "REJECTED", "REFUNDED");
        givenBack(refunded);
        notified(refunded, "RECEIVED", "REFUNDED");
        declined();

        Verdict verdict = judge();

        assertThat(verdict.requests()).isEqualTo(3);
        assertThat(verdict.acknowledged()).isEqualTo(2);
        assertThat(verdict.terminal()).isEqualTo(2);
        assertThat(verdict.lost()).isZero();
        assertThat(verdict.duplicated()).isZero();
        assertThat(verdict.unexpected()).isZero();
        assertThat(verdict.problems()).isEmpty();
    }

    @Test
    void anOrderWithoutItsLastNotificationIsLost() {
        UUID order = acknowledged(Outcome.READY, "READY", "PLACED", "READY");
        made(order);
        captured(order);
        notified(order, "RECEIVED");

        Verdict verdict = judge();

        assertThat(verdict.lost()).isEqualTo(1);
        assertThat(verdict.complete()).isFalse();
    }

    @Test
    void anOrderStillInPreparationIsLostUntilItIsFinal() {
        UUID order = acknowledged(Outcome.READY, "PLACED", "PLACED");
        notified(order, "RECEIVED");

        assertThat(judge().lost()).isEqualTo(1);
        assertThat(judge().terminal()).isZero();
    }

    @Test
    void aDrinkHandedOverTwiceIsADuplicate() {
        UUID order = acknowledged(Outcome.READY, "READY", "PLACED", "READY");
        made(order);
        made(order);
        captured(order);
        notified(order, "RECEIVED", "READY_FOR_PICKUP");

        Verdict verdict = judge();

        assertThat(verdict.duplicated()).isEqualTo(1);
        assertThat(verdict.lost()).isZero();
    }

    @Test
    void aNotificationDeliveredTwiceIsADuplicate() {
        UUID order = acknowledged(Outcome.REFUNDED, "REFUNDED", "PLACED", "REJECTED", "REFUNDED");
        givenBack(order);
        notified(order, "RECEIVED", "REFUNDED", "REFUNDED");

        assertThat(judge().duplicated()).isEqualTo(1);
    }

    @Test
    void aDrinkAndItsMoneyBackForOneOrderIsUnexpected() {
        UUID order = acknowledged(Outcome.READY, "READY", "PLACED", "READY");
        made(order);
        givenBack(order);
        notified(order, "RECEIVED", "READY_FOR_PICKUP");

        assertThat(judge().unexpected()).isEqualTo(1);
    }

    @Test
    void anOrderEndingOtherThanPlannedIsUnexpected() {
        UUID order = acknowledged(Outcome.READY, "REFUNDED", "PLACED", "REJECTED", "REFUNDED");
        givenBack(order);
        notified(order, "RECEIVED", "REFUNDED");

        assertThat(judge().unexpected()).isEqualTo(1);
    }

    @Test
    void aTimelineThatLeavesAFinalStateIsUnexpected() {
        UUID order = acknowledged(Outcome.REFUNDED, "REFUNDED", "PLACED", "READY", "REFUNDED");
        givenBack(order);
        notified(order, "RECEIVED", "REFUNDED");

        assertThat(judge().unexpected()).isEqualTo(1);
    }

    @Test
    void aReadyOrderIsLostUntilItsPaymentIsCaptured() {
        UUID order = acknowledged(Outcome.READY, "READY", "PLACED", "READY");
        made(order);
        notified(order, "RECEIVED", "READY_FOR_PICKUP");

        assertThat(judge().lost()).isEqualTo(1);

        captured(order);

        assertThat(judge().lost()).isZero();
        assertThat(judge().complete()).isTrue();
    }

    @Test
    void aPaymentCapturedTwiceIsADuplicate() {
        UUID order = acknowledged(Outcome.READY, "READY", "PLACED", "READY");
        made(order);
        captured(order);
        captured(order);
        notified(order, "RECEIVED", "READY_FOR_PICKUP");

        Verdict verdict = judge();

        assertThat(verdict.duplicated()).isEqualTo(1);
        assertThat(verdict.unexpected()).isZero();
    }

    @Test
    void aVoidFollowedByARefundIsASecondReturnOfTheMoneyAndSoADuplicate() {
        UUID order = acknowledged(Outcome.REFUNDED, "REFUNDED", "PLACED", "REJECTED", "REFUNDED");
        givenBack(order);
        givenBack(order);
        notified(order, "RECEIVED", "REFUNDED");

        assertThat(judge().duplicated()).isEqualTo(1);
    }

    @Test
    void aCaptureTogetherWithMoneyBackIsUnexpected() {
        UUID order = acknowledged(Outcome.REFUNDED, "REFUNDED", "PLACED", "REJECTED", "REFUNDED");
        captured(order);
        givenBack(order);
        notified(order, "RECEIVED", "REFUNDED");

        Verdict verdict = judge();

        assertThat(verdict.unexpected()).isEqualTo(1);
        assertThat(verdict.problems()).singleElement().asString().contains("both charged and given its money back");
    }

    @Test
    void aCaptureOfAnOrderThatDidNotEndReadyIsUnexpected() {
        UUID order = acknowledged(Outcome.REFUNDED, "REFUNDED", "PLACED", "REJECTED", "REFUNDED");
        captured(order);
        notified(order, "RECEIVED", "REFUNDED");

        assertThat(judge().unexpected()).isEqualTo(1);
    }

    @Test
    void anOrderCancelledInTimeIsCompleteOnceItsPaymentIsVoided() {
        UUID order = acknowledged(
                Outcome.READY, "CANCELLED", "PLACED", "CANCEL_REQUESTED", "CANCELLATION_ACCEPTED", "CANCELLED");
        notified(order, "RECEIVED");

        assertThat(judge().lost()).isEqualTo(1);

        givenBack(order);
        notified(order, "CANCELLED");

        Verdict verdict = judge();
        assertThat(verdict.lost()).isZero();
        assertThat(verdict.terminal()).isOne();
        assertThat(verdict.duplicated()).isZero();
    }

    @Test
    void aDrinkThatTurnsUpAfterTheDeadlineIsWrittenOffNotUnexpected() {
        UUID order =
                acknowledged(Outcome.REFUNDED, "REFUNDED", "PLACED", "DEADLINE_EXCEEDED", "REFUNDED", "WRITTEN_OFF");
        givenBack(order);
        made(order);
        notified(order, "RECEIVED", "REFUNDED");

        Verdict verdict = judge();

        assertThat(verdict.unexpected()).isZero();
        assertThat(verdict.lost()).isZero();
    }

    @Test
    void theSagasPathsAndTheirBeginningsAreAccepted() {
        assertThat(List.of(
                        List.<String>of(),
                        List.of("PLACED"),
                        List.of("PLACED", "READY"),
                        List.of("PLACED", "REJECTED"),
                        List.of("PLACED", "REJECTED", "REFUNDED"),
                        List.of("PLACED", "CANCEL_REQUESTED", "CANCELLATION_ACCEPTED", "CANCELLED"),
                        List.of("PLACED", "CANCEL_REQUESTED", "CANCELLATION_REFUSED", "READY"),
                        List.of("PLACED", "CANCEL_REQUESTED", "READY"),
                        List.of("PLACED", "CANCEL_REQUESTED", "CANCELLATION_REFUSED", "CANCEL_REQUESTED", "READY"),
                        List.of("PLACED", "CANCEL_REQUESTED", "REJECTED", "REFUNDED"),
                        List.of("PLACED", "DEADLINE_EXCEEDED", "REFUNDED"),
                        List.of("PLACED", "DEADLINE_EXCEEDED", "REFUNDED", "WRITTEN_OFF"),
                        List.of("PLACED", "DEADLINE_EXCEEDED", "WRITTEN_OFF", "REFUNDED"),
                        List.of("PLACED", "CANCEL_REQUESTED", "DEADLINE_EXCEEDED", "REFUNDED", "WRITTEN_OFF")))
                .allSatisfy(path -> assertThat(SAGA.follows(path))
                        .as(String.join(" -> ", path))
                        .isTrue());
    }

    @Test
    void stepsOutsideTheSagaAreNotAccepted() {
        assertThat(List.of(
                        List.of("READY"),
                        List.of("PLACED", "REFUNDED"),
                        List.of("PLACED", "READY", "REFUNDED"),
                        List.of("PLACED", "CANCELLED"),
                        List.of("PLACED", "CANCEL_REQUESTED", "CANCELLATION_ACCEPTED", "READY"),
                        List.of("PLACED", "CANCEL_REQUESTED", "CANCELLATION_ACCEPTED", "REFUNDED"),
                        List.of("PLACED", "REJECTED", "CANCELLED"),
                        List.of("PLACED", "READY", "WRITTEN_OFF"),
                        List.of("PLACED", "REJECTED", "REFUNDED", "WRITTEN_OFF"),
                        List.of("PLACED", "CANCEL_REQUESTED", "CANCELLATION_ACCEPTED", "CANCELLED", "WRITTEN_OFF"),
                        List.of("PLACED", "DEADLINE_EXCEEDED", "REFUNDED", "WRITTEN_OFF", "WRITTEN_OFF")))
                .allSatisfy(path -> assertThat(SAGA.follows(path))
                        .as(String.join(" -> ", path))
                        .isFalse());
    }

    @Test
    void timelinesAreJudgedByTheSagaGivenNotByACopyOfIt() {
        // given a saga in which an order is made only after the customer was asked to wait
        SagaGraph stricter = SagaGraph.of(JSON.readTree("""
                {"start": "[*]",
                 "steps": [{"from": "[*]", "step": "PLACED", "to": "PLACED"},
                           {"from": "PLACED", "step": "CANCEL_REQUESTED", "to": "ASKED"},
                           {"from": "ASKED", "step": "CANCELLATION_REFUSED", "to": "WAITING"},
                           {"from": "WAITING", "step": "READY", "to": "READY"}],
                 "finalStatuses": ["READY", "REFUNDED", "CANCELLED"]}"""));
        UUID order = acknowledged(Outcome.READY, "READY", "PLACED", "READY");
        made(order);
        captured(order);
        notified(order, "RECEIVED", "READY_FOR_PICKUP");
        var snapshot = new Ledgers.Snapshot(orders, handovers, captures, moneyBack, deliveries, phantoms);

        // when
        Verdict byToday = Verdict.judge(requests, snapshot, SAGA);
        Verdict byStricter = Verdict.judge(requests, snapshot, stricter);

        // then
        assertThat(byToday.unexpected()).isZero();
        assertThat(byStricter.unexpected()).isOne();
        assertThat(byStricter.problems()).singleElement().asString().contains("went PLACED -> READY");
    }

    @Test
    void anOrderInAFinalStatusWhoseDueEffectsAreUnknownIsNeverComplete() {
        // given a saga with a final status the suite has no rule of effects for
        SagaGraph withGifts = SagaGraph.of(JSON.readTree("""
                {"start": "[*]",
                 "steps": [{"from": "[*]", "step": "PLACED", "to": "PLACED"},
                           {"from": "PLACED", "step": "GIFTED", "to": "GIFTED"}],
                 "finalStatuses": ["READY", "REFUNDED", "CANCELLED", "GIFTED"]}"""));
        UUID order = acknowledged(Outcome.READY, "GIFTED", "PLACED", "GIFTED");
        notified(order, "RECEIVED");

        // when
        Verdict verdict = Verdict.judge(
                requests,
                new Ledgers.Snapshot(orders, handovers, captures, moneyBack, deliveries, phantoms),
                withGifts);

        // then
        assertThat(verdict.terminal()).isOne();
        assertThat(verdict.lost()).isOne();
        assertThat(verdict.problems()).first().asString().contains("does not know");
    }

    @Test
    void eachAcknowledgedOrderIsJudgedOnItsOwn() {
        // given
        UUID clean = acknowledged(Outcome.READY, "READY", "PLACED", "READY");
        made(clean);
        captured(clean);
        notified(clean, "RECEIVED", "READY_FOR_PICKUP");
        UUID twice = acknowledged(Outcome.READY, "READY", "PLACED", "READY");
        made(twice);
        captured(twice);
        notified(twice, "RECEIVED", "READY_FOR_PICKUP", "READY_FOR_PICKUP");

        // when
        Verdict verdict = judge();

        // then
        assertThat(verdict.order(clean))
                .hasValueSatisfying(judged -> assertThat(judged.clean()).isTrue());
        assertThat(verdict.order(twice)).hasValueSatisfying(judged -> {
            assertThat(judged.clean()).isFalse();
            assertThat(judged.duplicated()).isTrue();
            assertThat(judged.complete()).isTrue();
            assertThat(judged.problems()).singleElement().asString().contains("duplicated");
        });
        assertThat(verdict.order(UUID.randomUUID())).isEmpty();
    }

    @Test
    void anEffectForAnOrderNobodyAcknowledgedIsUnexpected() {
        phantoms.add("drink handed over for unknown order " + UUID.randomUUID());
        phantoms.add("capture cap_1 of unknown payment pay_unknown");
        UUID stored = UUID.randomUUID();
        orders.put(stored, new Ledgers.OrderRecord(stored, "PLACED", "pay_1", List.of("PLACED")));

        assertThat(judge().unexpected()).isEqualTo(3);
    }

    @Test
    void aRequestWithoutADefiniteAnswerOrWithOneContraryToItsPlanIsUnexpected() {
        var unanswered = request(Outcome.READY);
        unanswered.finalStatus = 503;
        var wronglyAccepted = request(Outcome.DECLINED);
        wronglyAccepted.finalStatus = 202;

        assertThat(judge().unexpected()).isEqualTo(2);
    }

    @Test
    void eachPoisonRecordIsDueOnceInTheDeadLetterTopicOfEveryGroupConsumingIt() {
        var poison = new RecordMetadata(new TopicPartition(Scenario.ORDERS, 4), 17, 0, 0, 0, 0);
        var letters = new ArrayList<KafkaProbe.DeadLetter>();
        for (String group : Scenario.ORDER_CONSUMERS) {
            letters.add(new KafkaProbe.DeadLetter(
                    Scenario.ORDERS + "." + group + ".dlq", Scenario.ORDERS, 4, 17, "unreadable"));
        }
        var problems = new ArrayList<String>();

        assertThat(ChaosSuite.checkDeadLetters(List.of(poison), letters, problems))
                .isEqualTo(Scenario.ORDER_CONSUMERS.size());
        assertThat(problems).isEmpty();

        letters.add(letters.getFirst());
        ChaosSuite.checkDeadLetters(List.of(poison), letters, problems);
        assertThat(problems).singleElement().asString().contains("2 times");
    }

    private Verdict judge() {
        return Verdict.judge(
                requests, new Ledgers.Snapshot(orders, handovers, captures, moneyBack, deliveries, phantoms), SAGA);
    }

    private UUID acknowledged(Outcome planned, String status, String... timeline) {
        var request = request(planned);
        UUID id = UUID.randomUUID();
        request.orderId = id.toString();
        request.finalStatus = 202;
        orders.put(id, new Ledgers.OrderRecord(id, status, "pay_" + id, List.of(timeline)));
        return id;
    }

    private void declined() {
        request(Outcome.DECLINED).finalStatus = 402;
    }

    private LoadDriver.Request request(Outcome planned) {
        var request = new LoadDriver.Request(
                new PlannedOrder(requests.size() + 1, planned, UUID.randomUUID().toString(), Map.of()));
        request.done = true;
        requests.add(request);
        return request;
    }

    private void made(UUID order) {
        handovers.computeIfAbsent(order, o -> new ArrayList<>()).add(Instant.now());
    }

    private void captured(UUID order) {
        captures.merge(order, 1, Integer::sum);
    }

    /** A void or a refund: either gives the money back. */
    private void givenBack(UUID order) {
        moneyBack.merge(order, 1, Integer::sum);
    }

    private void notified(UUID order, String... kinds) {
        for (String kind : kinds) {
            deliveries.computeIfAbsent(order, o -> new HashMap<>()).merge(kind, 1, Integer::sum);
        }
    }
}
