package dev.coffeeshop.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The suite reads what each service did through the service's staff endpoints, walking every page. */
class LedgersTests {

    static final Instant RUN_STARTED = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant SCENARIO_STARTED = RUN_STARTED.plus(Duration.ofMinutes(2));

    final HttpClient http = HttpClient.newHttpClient();
    final FakeStaffEndpoints intake = fake();
    final FakeStaffEndpoints barista = fake();
    final FakeStaffEndpoints notification = fake();
    final Ledgers ledgers = new Ledgers(
            client("order-intake", intake),
            client("barista-worker", barista),
            client("notification", notification),
            RUN_STARTED);

    @AfterEach
    void stop() {
        intake.close();
        barista.close();
        notification.close();
        http.close();
    }

    @Test
    void judgesTheOrdersPlacedSinceTheScenarioAndCountsTheirEffects() {
        // given an order of an earlier scenario and one of this scenario, made, charged and told twice about
        UUID earlier = placed(SCENARIO_STARTED.minusSeconds(30), "READY", "pay_1", "PLACED", "READY");
        UUID order = placed(SCENARIO_STARTED.plusSeconds(1), "READY", "pay_2", "PLACED", "READY");
        Instant made = SCENARIO_STARTED.plusSeconds(2);
        payment(made, "CAPTURE", "pay_1", earlier);
        payment(made, "CAPTURE", "pay_2", order);
        handover(made, earlier);
        handover(made, order);
        delivery(made, order, "RECEIVED");
        delivery(made, order, "READY_FOR_PICKUP");
        delivery(made, order, "READY_FOR_PICKUP");

        // when
        Ledgers.Snapshot snapshot = ledgers.read(SCENARIO_STARTED);

        // then
        assertThat(snapshot.orders()).containsOnlyKeys(order);
        assertThat(snapshot.orders().get(order))
                .isEqualTo(new Ledgers.OrderRecord(order, "READY", "pay_2", List.of("PLACED", "READY")));
        assertThat(snapshot.captures(order)).isOne();
        assertThat(snapshot.captures(earlier)).isZero();
        assertThat(snapshot.handovers(order)).isOne();
        assertThat(snapshot.handoverTimes(order)).containsExactly(made);
        assertThat(snapshot.deliveries(order, "READY_FOR_PICKUP")).isEqualTo(2);
        assertThat(snapshot.phantoms()).isEmpty();
    }

    @Test
    void countsEffectsForOrdersNoOneStoredDuringTheRunAndPaymentsNoOrderHasAsPhantoms() {
        // given
        UUID stranger = UUID.randomUUID();
        Instant at = SCENARIO_STARTED.plusSeconds(5);
        payment(at, "VOID", "pay_nobody", null);
        handover(at, stranger);
        delivery(at, stranger, "RECEIVED");

        // when
        Ledgers.Snapshot snapshot = ledgers.read(SCENARIO_STARTED);

        // then
        assertThat(snapshot.phantoms())
                .containsExactlyInAnyOrder(
                        "void v_pay_nobody of unknown payment pay_nobody",
                        "drink handed over for unknown order " + stranger,
                        "RECEIVED notification for unknown order " + stranger);
    }

    @Test
    void readsEveryPageOfALedgerAndOnlyWhatHappenedSinceTheScenarioStarted() {
        // given 2,500 handovers of one order before the scenario and 2,500 during it: three pages of each
        UUID order = placed(SCENARIO_STARTED.plusSeconds(1), "READY", "pay_3", "PLACED", "READY");
        for (int i = 0; i < 2500; i++) {
            handover(SCENARIO_STARTED.minusSeconds(60), order);
        }
        for (int i = 0; i < 2500; i++) {
            handover(SCENARIO_STARTED.plusMillis(i), order);
        }

        // when
        Ledgers.Snapshot snapshot = ledgers.read(SCENARIO_STARTED);

        // then
        assertThat(snapshot.handovers(order)).isEqualTo(2500);
        assertThat(barista.queries)
                .allSatisfy(q -> assertThat(q)
                        .startsWith("/staff/ledgers/handovers?since=" + encoded(SCENARIO_STARTED) + "&limit=1000"))
                .filteredOn(q -> q.contains("&after="))
                .isNotEmpty();
        assertThat(intake.queries)
                .filteredOn(q -> q.startsWith("/staff/orders/placed"))
                .allSatisfy(q -> assertThat(q).contains("since=" + encoded(RUN_STARTED)));
    }

    @Test
    void saysWhichServiceCouldNotBeRead() {
        // given
        var down = new Ledgers(
                client("order-intake", intake),
                new StaffClient(
                        "barista-worker",
                        URI.create("http://127.0.0.1:9"),
                        () -> "Bearer " + FakeStaffEndpoints.TOKEN,
                        http),
                client("notification", notification),
                RUN_STARTED);

        // when / then
        assertThatThrownBy(() -> down.read(SCENARIO_STARTED))
                .isInstanceOf(StaffClient.StaffUnavailable.class)
                .hasMessageContaining("barista-worker");
    }

    private UUID placed(Instant at, String status, String payment, String... timeline) {
        UUID id = UUID.randomUUID();
        intake.entry(
                "/staff/orders/placed",
                at,
                Map.of(
                        "id", id.toString(),
                        "status", status,
                        "paymentId", payment,
                        "placedAt", at.toString(),
                        "timeline", List.of(timeline)));
        return id;
    }

    private void payment(Instant at, String operation, String payment, UUID order) {
        var fields = new HashMap<String, Object>(Map.of(
                "operation",
                operation,
                "paymentId",
                payment,
                "resultId",
                "v_" + payment,
                "performedAt",
                at.toString()));
        fields.put("orderId", order == null ? null : order.toString());
        intake.entry("/staff/ledgers/payments", at, fields);
    }

    private void handover(Instant at, UUID order) {
        barista.entry(
                "/staff/ledgers/handovers",
                at,
                Map.of("orderId", order.toString(), "drinks", 1, "handedOverAt", at.toString()));
    }

    private void delivery(Instant at, UUID order, String kind) {
        notification.entry(
                "/staff/ledgers/deliveries",
                at,
                Map.of("orderId", order.toString(), "kind", kind, "channel", "log", "deliveredAt", at.toString()));
    }

    private StaffClient client(String service, FakeStaffEndpoints endpoints) {
        return new StaffClient(service, endpoints.baseUrl(), () -> "Bearer " + FakeStaffEndpoints.TOKEN, http);
    }

    private static String encoded(Instant instant) {
        return instant.toString().replace(":", "%3A");
    }

    private static FakeStaffEndpoints fake() {
        try {
            return new FakeStaffEndpoints();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
