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
        Properties properties = parse(KafkaBroker.serverProperties(19092, 19093, data));

        // then
        assertThat(properties)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", "/tmp/coffeeshop/kafka/data");
    }

    @Test
    void rendersTopicsWithSixPartitionsAndInternalTopicsWithOneReplica() throws IOException {
        // given
        Path data = Path.of("/data");

        // when
        Properties properties = parse(KafkaBroker.serverProperties(9092, 9093, data));

        // then
        assertThat(properties)
                .containsEntry("num.partitions", "6")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    private static Properties parse(String rendered) throws IOException {
        var properties = new Properties();
        properties.load(new StringReader(rendered));
        return properties;
    }
}
