package dev.coffeeshop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.events.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the manifests' checks take for the truth, read from the services' application.yml, README and {@link Topics}:
 * if a reading goes wrong, every rule built on it would judge against the wrong facts.
 */
class CoffeeshopTests {

    private static Coffeeshop coffeeshop;

    @BeforeAll
    static void readTheSystem() {
        coffeeshop = Coffeeshop.load();
    }

    @Test
    void readsTheIntakesBindingGroupDeadLetterTopicAndOutbox() {
        // given
        ServiceConfiguration intake = coffeeshop.services().get("order-intake");

        // when / then
        assertThat(intake.serverPort()).isEqualTo(8080);
        assertThat(intake.consumedTopics()).containsExactly(Topics.PREPARATIONS);
        assertThat(intake.groups()).containsExactly("order-intake");
        assertThat(intake.deadLetterTopics()).containsExactly(Topics.deadLetter(Topics.PREPARATIONS, "order-intake"));
        assertThat(intake.outboxTopics()).containsExactlyInAnyOrder(Topics.ORDERS, Topics.CANCELLATIONS);
        assertThat(intake.consumersPerPod(Topics.PREPARATIONS)).isEqualTo(3);
    }

    @Test
    void resolvesTheBaristasGroupFromItsApplicationName() {
        // given
        ServiceConfiguration barista = coffeeshop.services().get("barista-worker");

        // when / then: group: ${spring.application.name}
        assertThat(barista.groups()).containsExactly("barista-worker");
        assertThat(barista.consumedTopics()).containsExactlyInAnyOrder(Topics.ORDERS, Topics.CANCELLATIONS);
        assertThat(barista.replayTopics())
                .containsExactlyInAnyOrder(
                        Topics.replay(Topics.ORDERS, "barista-worker"),
                        Topics.replay(Topics.CANCELLATIONS, "barista-worker"));
        assertThat(barista.producedTopics())
                .containsExactlyInAnyOrder(
                        Topics.PREPARATIONS,
                        Topics.deadLetter(Topics.ORDERS, "barista-worker"),
                        Topics.deadLetter(Topics.CANCELLATIONS, "barista-worker"),
                        Topics.replay(Topics.ORDERS, "barista-worker"),
                        Topics.replay(Topics.CANCELLATIONS, "barista-worker"));
    }

    @Test
    void expectsSixPartitionsOfEveryTopicDeadLetterAndReplayTopicsIncluded() {
        // given
        ServiceConfiguration notification = coffeeshop.services().get("notification-service");
        String deadLetters = Topics.deadLetter(Topics.ORDERS, "notification-service");

        // when / then: dlq-partitions: 1, but auto-add-partitions raises it to min-partition-count
        assertThat(notification.bindings()).anySatisfy(binding -> assertThat(binding.deadLetterPartitions())
                .isEqualTo(1));
        assertThat(notification.expectedPartitions(deadLetters)).isEqualTo(Topics.PARTITIONS);
        assertThat(coffeeshop.expectedTopics()).hasSize(3 + 5 + 5);
        assertThat(coffeeshop.expectedTopics().values())
                .allSatisfy(expected -> assertThat(expected.partitions()).isEqualTo(Topics.PARTITIONS));
    }

    @Test
    void knowsWhichVariablesEachServiceReads() {
        // given
        ServiceConfiguration notification = coffeeshop.services().get("notification-service");
        ServiceConfiguration barista = coffeeshop.services().get("barista-worker");

        // when / then: application.yml's placeholders and README's table, by the table's "used by"
        assertThat(coffeeshop.variablesReadBy(notification))
                .contains(
                        "SERVER_PORT",
                        "DATABASE_PASSWORD",
                        "COFFEESHOP_SECURITY_ISSUER",
                        "COFFEESHOP_NOTIFICATION_WEBHOOK_SIGNING_KEY",
                        "COFFEESHOP_NOTIFICATION_WEBHOOKS_ALLOWEDHOSTS")
                .doesNotContain("COFFEESHOP_OUTBOX_BATCH_SIZE", "COFFEESHOP_BARISTA_PREPARATION_TIME");
        assertThat(coffeeshop.variablesReadBy(barista))
                .contains("COFFEESHOP_OUTBOX_BATCH_SIZE", "COFFEESHOP_BARISTA_PREPARATION_TIME")
                .doesNotContain("JAVA_TOOL_OPTIONS", "COFFEESHOP_NOTIFICATION_WEBHOOK_SIGNING_KEY");
    }
}
