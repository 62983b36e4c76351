package dev.coffeeshop.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceProcessTests {

    @Test
    void givesAServiceItsPortsBrokerAndOwnDatabaseThroughTheEnvironment() {
        // given
        var database = new DatabaseConnection("jdbc:postgresql://127.0.0.1:15432/barista", "barista", "barista");

        // when
        Map<String, String> environment = ServiceProcess.environment(
                8081,
                9081,
                "127.0.0.1:9092",
                database,
                URI.create("http://localhost:9000"),
                Map.of("COFFEESHOP_BARISTA_PREPARATION_TIME", "0"));

        // then
        assertThat(environment)
                .containsEntry("SERVER_PORT", "8081")
                .containsEntry("MANAGEMENT_SERVER_PORT", "9081")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("DATABASE_URL", "jdbc:postgresql://127.0.0.1:15432/barista")
                .containsEntry("DATABASE_USERNAME", "barista")
                .containsEntry("DATABASE_PASSWORD", "barista")
                .containsEntry("COFFEESHOP_SECURITY_ISSUER", "http://localhost:9000")
                .containsEntry("COFFEESHOP_BARISTA_PREPARATION_TIME", "0");
    }

    @Test
    void keepsTheConventionsEvenWhenExtrasTryToReplaceThem() {
        // given
        var database = new DatabaseConnection("jdbc:postgresql://127.0.0.1:15432/intake", "intake", "intake");

        // when
        Map<String, String> environment = ServiceProcess.environment(
                18080,
                19080,
                "127.0.0.1:19092",
                database,
                URI.create("http://localhost:9000"),
                Map.of(
                        "SERVER_PORT", "1",
                        "MANAGEMENT_SERVER_PORT", "1",
                        "COFFEESHOP_SECURITY_ISSUER", "http://evil.test"));

        // then
        assertThat(environment)
                .containsEntry("SERVER_PORT", "18080")
                .containsEntry("MANAGEMENT_SERVER_PORT", "19080")
                .containsEntry("COFFEESHOP_SECURITY_ISSUER", "http://localhost:9000");
    }

    @Test
    void givesTheIntakesOperatorPageTheOtherServicesAndTheStacksTraceViewer() {
        // given
        StackSettings withViewer = StackSettings.defaults(Path.of("/repo")).withTraceViewer(19411);
        StackSettings withoutViewer = StackSettings.defaults(Path.of("/repo"))
                .withServiceEnvironment(Map.of("COFFEESHOP_OPERATOR_TIMEOUT", "5s"));

        // when
        Map<String, String> viewed = ServiceProcess.withOperatorPage(withViewer);
        Map<String, String> unviewed = ServiceProcess.withOperatorPage(withoutViewer);

        // then
        assertThat(viewed)
                .containsEntry("COFFEESHOP_OPERATOR_BARISTAWORKERURL", "http://localhost:8081")
                .containsEntry("COFFEESHOP_OPERATOR_NOTIFICATIONSERVICEURL", "http://localhost:8082")
                .containsEntry(
                        "COFFEESHOP_OPERATOR_TRACEVIEWERURL",
                        "http://localhost:19411/zipkin/?annotationQuery=order.id%3D{orderId}&lookback=7d&endTs={endTs}&limit=10");
        assertThat(unviewed)
                .doesNotContainKey("COFFEESHOP_OPERATOR_TRACEVIEWERURL")
                .containsEntry("COFFEESHOP_OPERATOR_TIMEOUT", "5s");
    }

    @Test
    void findsEachServicesJarWhereMavenBuildsIt() {
        // given
        Path root = Path.of("/repo");

        // when
        Path jar = Service.BARISTA_WORKER.jar(root);

        // then
        assertThat(jar).isEqualTo(Path.of("/repo/barista-worker/target/barista-worker-0.1.0-SNAPSHOT.jar"));
    }
}
