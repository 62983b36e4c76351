package dev.coffeeshop.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client side of {@code GET /staff/saga}: reading the graph order-intake publishes and walking an order's timeline
 * through it. The fixtures stand for what the intake answers.
 */
class SagaGraphTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A saga fixture from this package's test resources. */
    static SagaGraph fixture(String name) {
        try (InputStream in = SagaGraphTests.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return SagaGraph.of(JSON.readTree(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsTheStartTheStepsAndTheFinalStatusesAndIgnoresWhatItDoesNotKnow() {
        // given
        String published = """
                {"start": "[*]", "version": 3,
                 "steps": [{"from": "[*]", "step": "PLACED", "to": "PLACED", "event": "OrderPlaced"},
                           {"from": "PLACED", "step": "READY", "to": "READY"}],
                 "finalStatuses": ["READY"]}""";

        // when
        SagaGraph saga = SagaGraph.of(JSON.readTree(published));

        // then
        assertThat(saga.start()).isEqualTo("[*]");
        assertThat(saga.steps())
                .containsExactly(
                        new SagaGraph.Edge("[*]", "PLACED", "PLACED"), new SagaGraph.Edge("PLACED", "READY", "READY"));
        assertThat(saga.isFinal("READY")).isTrue();
        assertThat(saga.isFinal("PLACED")).isFalse();
    }

    @Test
    void followsEveryEdgeAStepLabelsSoOneStepMayLeadToSeveralSituations() {
        // given two edges labelled HELD out of one situation, each leading on differently
        SagaGraph saga = SagaGraph.of(JSON.readTree("""
                {"start": "s",
                 "steps": [{"from": "s", "step": "PLACED", "to": "open"},
                           {"from": "open", "step": "HELD", "to": "held for the customer"},
                           {"from": "open", "step": "HELD", "to": "held by the shop"},
                           {"from": "held for the customer", "step": "RELEASED", "to": "open"},
                           {"from": "held by the shop", "step": "DISCARDED", "to": "gone"}],
                 "finalStatuses": ["GONE"]}"""));

        // then
        assertThat(saga.follows(List.of("PLACED", "HELD", "RELEASED", "HELD", "DISCARDED")))
                .isTrue();
        assertThat(saga.follows(List.of("PLACED", "HELD", "DISCARDED"))).isTrue();
        assertThat(saga.follows(List.of("PLACED", "HELD"))).isTrue();
        assertThat(saga.follows(List.of("PLACED", "HELD", "DISCARDED", "RELEASED")))
                .isFalse();
        assertThat(saga.follows(List.of("HELD"))).isFalse();
    }

    @Test
    void allowsTheWriteOffOnceAndOnlyAfterTheDeadlineInTheDocumentedSaga() {
        // given
        SagaGraph saga = fixture("saga-as-documented.json");

        // then
        assertThat(saga.follows(List.of("PLACED", "DEADLINE_EXCEEDED", "WRITTEN_OFF", "REFUNDED")))
                .isTrue();
        assertThat(saga.follows(List.of("PLACED", "DEADLINE_EXCEEDED", "REFUNDED", "WRITTEN_OFF")))
                .isTrue();
        assertThat(saga.follows(List.of("PLACED", "DEADLINE_EXCEEDED", "WRITTEN_OFF", "REFUNDED", "WRITTEN_OFF")))
                .isFalse();
        assertThat(saga.follows(List.of("PLACED", "REJECTED", "WRITTEN_OFF"))).isFalse();
        assertThat(saga.finalStatuses()).containsExactlyInAnyOrder("READY", "REFUNDED", "CANCELLED");
    }

    @Test
    void refusesAGraphWithoutAStartStepsOrFinalStatuses() {
        assertThat(List.of("""
                        {"steps": [{"from": "a", "step": "PLACED", "to": "b"}], "finalStatuses": ["READY"]}""", """
                        {"start": "a", "steps": [], "finalStatuses": ["READY"]}""", """
                        {"start": "a", "steps": [{"from": "a", "step": "PLACED"}], "finalStatuses": ["READY"]}""", """
                        {"start": "a", "steps": [{"from": "a", "step": "PLACED", "to": "b"}]}""", """
                        {"start": "z", "steps": [{"from": "a", "step": "PLACED", "to": "b"}], "finalStatuses": ["X"]}"""))
                .allSatisfy(json -> assertThatThrownBy(() -> SagaGraph.of(JSON.readTree(json)))
                        .as(json)
                        .isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    void asksTheRunningIntakeForItsSagaWithTheStaffToken() throws Exception {
        try (var intake = new FakeStaffEndpoints();
                var http = HttpClient.newHttpClient()) {
            // given
            intake.document("/staff/saga", """
                    {"start": "[*]", "steps": [{"from": "[*]", "step": "PLACED", "to": "PLACED"}],
                     "finalStatuses": ["READY"]}""");

            // when
            SagaGraph saga = SagaGraph.of(new StaffClient(
                    "order-intake", intake.baseUrl(), () -> "Bearer " + FakeStaffEndpoints.TOKEN, http));

            // then
            assertThat(saga.steps()).containsExactly(new SagaGraph.Edge("[*]", "PLACED", "PLACED"));
        }
    }

    @Test
    void saysHowToGoOnWhenTheIntakePublishesNoSaga() throws Exception {
        try (var intake = new FakeStaffEndpoints();
                var http = HttpClient.newHttpClient()) {
            // given an intake without the endpoint
            var client =
                    new StaffClient("order-intake", intake.baseUrl(), () -> "Bearer " + FakeStaffEndpoints.TOKEN, http);

            // when / then
            assertThatThrownBy(() -> SagaGraph.of(client))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("/staff/saga")
                    .hasMessageContaining("404")
                    .hasMessageContaining("--saga FILE");
        }
    }

    @Test
    void readsASagaGivenAsAFile() {
        // given
        Path file = Path.of("src/test/resources/dev/coffeeshop/local/chaos/saga-as-documented.json");

        // when
        SagaGraph saga = SagaGraph.of(file);

        // then
        assertThat(saga).isEqualTo(fixture("saga-as-documented.json"));
    }
}
