package dev.coffeeshop.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackSettingsTests {

    private static final Path ROOT = Path.of("/work/coffeeshop");

    @Test
    void startsEverythingOnTheConventionalPortsWhenNothingIsOverridden() {
        // given
        Map<String, String> environment = Map.of("PATH", "/usr/bin");

        // when
        StackSettings settings = StackSettings.fromEnvironment(ROOT, environment);

        // then
        assertThat(settings.externalKafka()).isEmpty();
        assertThat(settings.externalDatabases()).isEmpty();
        assertThat(settings.services()).containsExactlyInAnyOrder(Service.values());
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.postgresPort()).isEqualTo(15432);
        assertThat(settings.port(Service.ORDER_INTAKE)).isEqualTo(8080);
        assertThat(settings.port(Service.BARISTA_WORKER)).isEqualTo(8081);
        assertThat(settings.port(Service.NOTIFICATION_SERVICE)).isEqualTo(8082);
        assertThat(settings.managementPort(Service.ORDER_INTAKE)).isEqualTo(9080);
        assertThat(settings.managementPort(Service.BARISTA_WORKER)).isEqualTo(9081);
        assertThat(settings.managementPort(Service.NOTIFICATION_SERVICE)).isEqualTo(9082);
        assertThat(settings.dataDirectory()).isEqualTo(ROOT.resolve(".coffeeshop"));
        assertThat(settings.portsToBind())
                .containsKeys("kafka", "kafka controller", "postgres", "order-intake", "order-intake management");
    }

    @Test
    void usesTheGivenBrokerInsteadOfStartingOne() {
        // given
        Map<String, String> environment = Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9092");

        // when
        StackSettings settings = StackSettings.fromEnvironment(ROOT, environment);

        // then
        assertThat(settings.externalKafka()).contains("kafka.example:9092");
        assertThat(settings.portsToBind()).doesNotContainKeys("kafka", "kafka controller");
    }

    @Test
    void usesTheGivenDatabasesWhenEveryServiceHasOne() {
        // given
        Map<String, String> environment = Map.of(
                "ORDER_INTAKE_DATABASE_URL", "jdbc:postgresql://db:5432/intake",
                "ORDER_INTAKE_DATABASE_USERNAME", "cashier",
                "ORDER_INTAKE_DATABASE_PASSWORD", "secret",
                "BARISTA_WORKER_DATABASE_URL", "jdbc:postgresql://db:5432/barista",
                "NOTIFICATION_SERVICE_DATABASE_URL", "jdbc:postgresql://db:5432/notification");

        // when
        StackSettings settings = StackSettings.fromEnvironment(ROOT, environment);

        // then
        assertThat(settings.externalDatabases())
                .containsEntry(
                        Service.ORDER_INTAKE,
                        new DatabaseConnection("jdbc:postgresql://db:5432/intake", "cashier", "secret"))
                .containsEntry(
                        Service.BARISTA_WORKER,
                        new DatabaseConnection("jdbc:postgresql://db:5432/barista", "barista", "barista"));
        assertThat(settings.portsToBind()).doesNotContainKey("postgres");
    }

    @Test
    void refusesDatabasesForSomeServicesButNotOthers() {
        // given
        Map<String, String> environment = Map.of("ORDER_INTAKE_DATABASE_URL", "jdbc:postgresql://db:5432/intake");

        // when / then
        assertThatThrownBy(() -> StackSettings.fromEnvironment(ROOT, environment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BARISTA_WORKER_DATABASE_URL")
                .hasMessageContaining("NOTIFICATION_SERVICE_DATABASE_URL");
    }

    @Test
    void leavesEverySettingToTheServicesOwnDefaultsUnlessTheUserSetsIt() {
        // given
        Map<String, String> quiet = Map.of("PATH", "/usr/bin", "KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9092");

        // when
        StackSettings settings = StackSettings.fromEnvironment(ROOT, quiet);

        // then: a value invented here would disagree with the service's default and its documentation
        assertThat(settings.serviceEnvironment()).isEmpty();
    }

    @Test
    void passesThePreparationTimeOnlyWhenTheUserSetsIt() {
        // given
        Map<String, String> quiet = Map.of();
        Map<String, String> told = Map.of("COFFEESHOP_BARISTA_PREPARATION_TIME", "0");

        // when
        StackSettings defaults = StackSettings.fromEnvironment(ROOT, quiet).withDemoWebhookReceiver();
        StackSettings overridden = StackSettings.fromEnvironment(ROOT, told);

        // then
        assertThat(defaults.serviceEnvironment()).doesNotContainKey("COFFEESHOP_BARISTA_PREPARATION_TIME");
        assertThat(overridden.serviceEnvironment()).containsEntry("COFFEESHOP_BARISTA_PREPARATION_TIME", "0");
    }

    @Test
    void passesServiceSettingsButNotTheLaunchersOwnToTheServices() {
        // given
        Map<String, String> environment = Map.of(
                "COFFEESHOP_OUTBOX_BATCH_SIZE", "100",
                "COFFEESHOP_LAUNCHER_SERVICES", "order-intake",
                "HOME", "/root");

        // when
        StackSettings settings = StackSettings.fromEnvironment(ROOT, environment);

        // then
        assertThat(settings.serviceEnvironment())
                .containsEntry("COFFEESHOP_OUTBOX_BATCH_SIZE", "100")
                .doesNotContainKeys("COFFEESHOP_LAUNCHER_SERVICES", "HOME");
    }

    @Test
    void makesNewSecretsForTheIdentityProviderOfEveryStackAndKeepsThemFromTheServices() {
        var one = StackSettings.fromEnvironment(
                ROOT,
                Map.of("COFFEESHOP_IDENTITY_CLIENTS_TOOLS_SECRET", "leaked", "COFFEESHOP_OUTBOX_BATCH_SIZE", "9"));
        var another = StackSettings.fromEnvironment(ROOT, Map.of());

        assertThat(one.identity().secrets()).containsOnlyKeys(Identity.TOOLS, Identity.OPERATOR);
        assertThat(one.identity().secrets().values())
                .allSatisfy(secret -> assertThat(secret).hasSizeGreaterThan(32));
        assertThat(one.identity().people()).containsOnlyKeys("alice", "bob", "sam");
        assertThat(another.identity().secrets()).isNotEqualTo(one.identity().secrets());
        assertThat(one.serviceEnvironment())
                .containsEntry("COFFEESHOP_OUTBOX_BATCH_SIZE", "9")
                .doesNotContainKey("COFFEESHOP_IDENTITY_CLIENTS_TOOLS_SECRET");
        assertThat(one.identity().toString())
                .doesNotContain(one.identity().secrets().get(Identity.TOOLS));
        assertThat(one.portsToBind()).containsEntry("identity-provider", Identity.DEFAULT_PORT);
    }

    @Test
    void givesTheIdentityProviderItsClientsAndPeopleThroughItsEnvironment() {
        var identity = StackSettings.defaults(ROOT).onFreePorts().identity();

        var environment = identity.environment();

        assertThat(identity.port()).isNotEqualTo(Identity.DEFAULT_PORT);
        assertThat(environment)
                .containsEntry("SERVER_PORT", Integer.toString(identity.port()))
                .containsEntry("COFFEESHOP_IDENTITY_ISSUER", "http://localhost:" + identity.port())
                .containsEntry(
                        "COFFEESHOP_IDENTITY_CLIENTS_TOOLS_SECRET",
                        identity.secrets().get(Identity.TOOLS))
                .containsEntry("COFFEESHOP_IDENTITY_USERS_SAM_STAFF", "true")
                .containsEntry("COFFEESHOP_IDENTITY_USERS_ALICE_DISPLAY_NAME", "Alice")
                .containsEntry(
                        "COFFEESHOP_IDENTITY_USERS_ALICE_PASSWORD",
                        identity.people().get("alice"));
    }

    @Test
    void allowListsTheDemosWebhookReceiverUnlessAnAllowListIsGiven() {
        // given
        Map<String, String> given = Map.of("COFFEESHOP_NOTIFICATION_WEBHOOKS_ALLOWEDHOSTS", "hooks.example:8443");

        // when
        var demo = StackSettings.fromEnvironment(ROOT, Map.of()).withDemoWebhookReceiver();
        var own = StackSettings.fromEnvironment(ROOT, given).withDemoWebhookReceiver();

        // then
        assertThat(demo.serviceEnvironment())
                .containsEntry("COFFEESHOP_NOTIFICATION_WEBHOOKS_ALLOWEDHOSTS", "localhost:9999");
        assertThat(own.serviceEnvironment())
                .containsEntry("COFFEESHOP_NOTIFICATION_WEBHOOKS_ALLOWEDHOSTS", "hooks.example:8443");
    }

    @Test
    void startsOnlyTheNamedServicesOrNoneAtAll() {
        // given
        Map<String, String> some = Map.of("COFFEESHOP_LAUNCHER_SERVICES", "order-intake, notification-service");
        Map<String, String> none = Map.of("COFFEESHOP_LAUNCHER_SERVICES", "none");

        // when
        StackSettings two = StackSettings.fromEnvironment(ROOT, some);
        StackSettings infrastructureOnly = StackSettings.fromEnvironment(ROOT, none);

        // then
        assertThat(two.services()).isEqualTo(Set.of(Service.ORDER_INTAKE, Service.NOTIFICATION_SERVICE));
        assertThat(infrastructureOnly.services()).isEmpty();
        assertThat(infrastructureOnly.portsToBind())
                .containsOnlyKeys("kafka", "kafka controller", "postgres", "identity-provider");
    }

    @Test
    void picksDistinctFreePortsForTests() {
        // given
        StackSettings settings = StackSettings.defaults(ROOT);

        // when
        StackSettings free = settings.onFreePorts();

        // then
        assertThat(free.portsToBind()).hasSize(10);
        assertThat(free.portsToBind().values())
                .doesNotHaveDuplicates()
                .doesNotContain(9092, 9093, 15432, 8080, 9080, 9000);
    }

    @Test
    void cachesAheadOfTimeForTheCommandLineUnlessSwitchedOffButNotForTestsByDefault() {
        // given
        Map<String, String> quiet = Map.of();
        Map<String, String> off = Map.of("COFFEESHOP_LAUNCHER_AOT", "off");

        // when
        StackSettings commandLine = StackSettings.fromEnvironment(ROOT, quiet);
        StackSettings switchedOff = StackSettings.fromEnvironment(ROOT, off);
        StackSettings programmatic = StackSettings.defaults(ROOT);

        // then
        assertThat(commandLine.aotCaches()).isTrue();
        assertThat(switchedOff.aotCaches()).isFalse();
        assertThat(programmatic.aotCaches()).isFalse();
    }

    @Test
    void usesAheadOfTimeCachesOnlyOnJdksThatHaveThem() {
        // when / then
        assertThat(AotCache.supported(21)).isFalse();
        assertThat(AotCache.supported(25)).isTrue();
    }

    @Test
    void raisesTheRateLimitForTheProjectsToolsClientsOnlyAndUnlessTheUserSetIt() {
        // given
        Map<String, String> quiet = Map.of();
        Map<String, String> own = Map.of("COFFEESHOP_HTTP_RATELIMIT_SUBJECTS_TOOLS_WRITES", "5");

        // when
        var raised = StackSettings.fromEnvironment(ROOT, quiet).withLoadDriverRateLimits();
        var kept = StackSettings.fromEnvironment(ROOT, own).withLoadDriverRateLimits();

        // then: customers and anonymous callers keep the production budgets
        assertThat(raised.serviceEnvironment())
                .containsEntry("COFFEESHOP_HTTP_RATELIMIT_SUBJECTS_TOOLS_READS", "1000000")
                .containsEntry("COFFEESHOP_HTTP_RATELIMIT_SUBJECTS_TOOLS_WRITES", "1000000")
                .containsEntry("COFFEESHOP_HTTP_RATELIMIT_SUBJECTS_OPERATOR_READS", "1000000")
                .doesNotContainKeys("COFFEESHOP_HTTP_RATELIMIT_READS", "COFFEESHOP_HTTP_RATELIMIT_WRITES");
        assertThat(kept.serviceEnvironment())
                .containsEntry("COFFEESHOP_HTTP_RATELIMIT_SUBJECTS_TOOLS_READS", "1000000")
                .containsEntry("COFFEESHOP_HTTP_RATELIMIT_SUBJECTS_TOOLS_WRITES", "5");
    }

    @Test
    void sendsEveryOrdersSpansToTheTraceViewerOfTheMainStackOnly() {
        // given
        var plain = StackSettings.fromEnvironment(ROOT, Map.of());
        var ownSampling = StackSettings.fromEnvironment(ROOT, Map.of(StackSettings.TRACING_SAMPLING, "0.25"));

        // when
        var viewed = plain.withTraceViewer(StackSettings.DEFAULT_TRACE_VIEWER_PORT);
        var viewedOnFreePorts = viewed.onFreePorts();

        // then: the fault suite's and the bench's stacks (plain settings) start none and leave the services' default
        assertThat(plain.startsTraceViewer()).isFalse();
        assertThat(plain.serviceEnvironment()).doesNotContainKey("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED");
        assertThat(viewed.startsTraceViewer()).isTrue();
        assertThat(viewed.portsToBind()).containsEntry("trace viewer", 9411);
        assertThat(viewed.serviceEnvironment())
                .containsEntry("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED", "true")
                .containsEntry("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", "http://localhost:9411/api/v2/spans")
                .containsEntry(StackSettings.TRACING_SAMPLING, "1.0");
        assertThat(ownSampling.withTraceViewer(9411).serviceEnvironment())
                .containsEntry(StackSettings.TRACING_SAMPLING, "0.25");
        assertThat(viewedOnFreePorts.traceViewerPort()).isNotIn(0, 9411);
        assertThat(viewedOnFreePorts.serviceEnvironment())
                .containsEntry(
                        "MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT",
                        "http://localhost:" + viewedOnFreePorts.traceViewerPort() + "/api/v2/spans");
    }
}
