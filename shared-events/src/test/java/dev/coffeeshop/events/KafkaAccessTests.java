package dev.coffeeshop.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.events.KafkaAccess.Grant;
import dev.coffeeshop.events.KafkaAccess.Operation;
import dev.coffeeshop.events.KafkaAccess.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaAccessTests {

    @Test
    void everyTopicIsWrittenByExactlyOneService() {
        // given
        List<String> topics = KafkaAccess.topics();

        // when
        var writers = topics.stream()
                .map(topic -> KafkaAccess.services().stream()
                        .filter(s -> writes(s, topic))
                        .map(KafkaAccess::principal)
                        .toList())
                .toList();

        // then
        assertThat(writers).allSatisfy(w -> assertThat(w).hasSize(1));
    }

    @Test
    void noServiceMayWriteATopicItConsumesSoNoneCanForgeAnothersFacts() {
        // given / when / then
        assertThat(KafkaAccess.services())
                .allSatisfy(s -> assertThat(s.consumes()).noneMatch(topic -> writes(s, topic)));
        assertThat(writes(KafkaAccess.NOTIFICATION_SERVICE, Topics.PREPARATIONS))
                .isFalse();
        assertThat(writes(KafkaAccess.BARISTA_WORKER, Topics.ORDERS)).isFalse();
    }

    @Test
    void eachServiceReadsOnlyWithItsOwnGroup() {
        // given / when
        var groups = KafkaAccess.services().stream()
                .map(s -> s.grants().stream()
                        .filter(g -> g.resource() == Resource.GROUP)
                        .map(Grant::name)
                        .toList())
                .toList();

        // then
        assertThat(groups)
                .containsExactly(List.of("order-intake"), List.of("barista-worker"), List.of("notification-service"));
    }

    @Test
    void deadLetterTopicsAreNamedAfterTheTopicAndTheGroup() {
        // given / when / then
        assertThat(KafkaAccess.of("barista-worker").deadLetterTopics())
                .containsExactly(
                        "coffeeshop.intake.orders.barista-worker.dlq",
                        "coffeeshop.intake.cancellations.barista-worker.dlq");
    }

    @Test
    void eachServiceReplaysToATopicOfItsOwnThatItReadsAndNoOtherServiceTouches() {
        // given
        var barista = KafkaAccess.BARISTA_WORKER;

        // when
        List<String> replays = barista.replayTopics();

        // then
        assertThat(replays)
                .containsExactly(
                        "coffeeshop.intake.orders.barista-worker.replay",
                        "coffeeshop.intake.cancellations.barista-worker.replay");
        assertThat(replays).allSatisfy(topic -> {
            assertThat(writes(barista, topic)).isTrue();
            assertThat(barista.grants())
                    .anyMatch(g -> g.name().equals(topic) && g.operations().contains(Operation.READ));
            assertThat(KafkaAccess.services())
                    .filteredOn(other -> other != barista)
                    .allSatisfy(other ->
                            assertThat(other.grants()).noneMatch(g -> g.name().equals(topic)));
        });
        assertThat(KafkaAccess.topics()).containsAll(replays);
    }

    private static boolean writes(KafkaAccess service, String topic) {
        return service.grants().stream()
                .anyMatch(g -> g.resource() == Resource.TOPIC
                        && g.name().equals(topic)
                        && g.operations().contains(Operation.WRITE));
    }
}
