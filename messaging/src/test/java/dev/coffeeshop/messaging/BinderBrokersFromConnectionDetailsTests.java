package dev.coffeeshop.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class BinderBrokersFromConnectionDetailsTests {

    static final KafkaConnectionDetails CONTAINER = () -> List.of("127.0.0.1:32771");

    @Test
    void theBindersBrokersAreThoseOfTheConnectionDetails() {
        try (var context = context(new MockEnvironment())) {
            assertThat(context.getEnvironment().getProperty(KafkaBrokers.BINDER_BROKERS))
                    .isEqualTo("127.0.0.1:32771");
            assertThat(KafkaBrokers.bootstrapServers(Binder.get(context.getEnvironment()), CONTAINER))
                    .isEqualTo("127.0.0.1:32771");
        }
    }

    @Test
    void brokersSetForTheBinderStay() {
        try (var context = context(new MockEnvironment().withProperty(KafkaBrokers.BINDER_BROKERS, "kafka-1:9092"))) {
            assertThat(context.getEnvironment().getProperty(KafkaBrokers.BINDER_BROKERS))
                    .isEqualTo("kafka-1:9092");
        }
    }

    @Test
    void withoutConnectionDetailsTheBinderKeepsItsOwnDefault() {
        try (var context = new GenericApplicationContext()) {
            context.setEnvironment(new MockEnvironment());
            new BinderBrokersFromConnectionDetails().initialize(context);
            context.refresh();
            assertThat(context.getEnvironment().getProperty(KafkaBrokers.BINDER_BROKERS))
                    .isNull();
        }
    }

    @Test
    void theOwnClientsConnectWhereTheConnectionDetailsSayWhenTheBinderNamesNoBrokers() {
        assertThat(KafkaBrokers.clientConfig(Binder.get(new MockEnvironment()), CONTAINER))
                .containsEntry("bootstrap.servers", "127.0.0.1:32771");
    }

    private static GenericApplicationContext context(MockEnvironment environment) {
        var context = new GenericApplicationContext();
        context.setEnvironment(environment);
        context.registerBean(KafkaConnectionDetails.class, () -> CONTAINER);
        new BinderBrokersFromConnectionDetails().initialize(context);
        context.refresh();
        return context;
    }
}
