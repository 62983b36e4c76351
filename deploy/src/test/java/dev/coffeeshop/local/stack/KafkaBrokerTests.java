package dev.coffeeshop.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerTests {

    @Test
    void rendersASingleNodeThatIsItsOwnControllerOnLoopback() throws IOException {
        // given
        Path data = Path.of("/tmp/coffeeshop/kafka/data");

        // when
        Properties properties = parse(KafkaBroker.serverProperties(19092, 19093, data, KafkaSecurity.generate()));

        // then
        assertThat(properties)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:19093")
                .containsEntry("listeners", "BROKER://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", "/tmp/coffeeshop/kafka/data");
    }

    @Test
    void rendersTopicsWithSixPartitionsAndInternalTopicsWithOneReplica() throws IOException {
        // given
        Path data = Path.of("/data");

        // when
        Properties properties = parse(KafkaBroker.serverProperties(9092, 9093, data, KafkaSecurity.generate()));

        // then
        assertThat(properties)
                .containsEntry("num.partitions", "6")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    @Test
    void demandsSaslOnEveryListenerAndAnAclForEverything() throws IOException {
        // given
        Path data = Path.of("/data");

        // when
        Properties properties = parse(KafkaBroker.serverProperties(9092, 9093, data, KafkaSecurity.generate()));

        // then
        assertThat(properties)
                .containsEntry("listener.security.protocol.map", "CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("super.users", "User:coffeeshop-broker;User:coffeeshop-admin")
                .containsEntry("auto.create.topics.enable", "false");
    }

    private static Properties parse(String rendered) throws IOException {
        var properties = new Properties();
        properties.load(new StringReader(rendered));
        return properties;
    }
}
