package dev.coffeeshop.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.events.KafkaAccess;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.local.stack.Service;
import dev.coffeeshop.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml checked against what it must agree with: the services' conventions and their application.yml,
 * deploy/postgres/init.sql, deploy/Dockerfile and the project's Kafka version. CI also runs it for real
 * ({@code deploy/images/compose-demo}); these checks say what is wrong without a Docker engine.
 */
class ComposeFileTests {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> CONVENTIONAL_VARIABLES = Set.of(
            "SERVER_PORT",
            "MANAGEMENT_SERVER_PORT",
            "KAFKA_BOOTSTRAP_SERVERS",
            "DATABASE_URL",
            "DATABASE_USERNAME",
            "DATABASE_PASSWORD");
    /** The rate limit per client, with the defaults README's "Configuration that matters" documents. */
    private static final Map<String, String> RATE_LIMITS =
            Map.of("COFFEESHOP_HTTP_RATELIMIT_READS", "300", "COFFEESHOP_HTTP_RATELIMIT_WRITES", "30");
    /** Whose tokens the services accept, and where they read its keys inside the compose network. */
    private static final Map<String, String> TRUSTED_ISSUER = Map.of(
            "COFFEESHOP_SECURITY_ISSUER", "http://localhost:9000",
            "COFFEESHOP_SECURITY_JWKSETURI", "http://identity-provider:9000/oauth2/jwks");
    /** Who the service is on Kafka (read by {@code KafkaCredentials}, not by application.yml). */
    private static final Set<String> KAFKA_CREDENTIALS = Set.of("KAFKA_USERNAME", "KAFKA_PASSWORD");
    /** The demo's webhook receiver on the host, which the notification service must be allowed to call. */
    private static final String WEBHOOK_ALLOW_LIST = "COFFEESHOP_NOTIFICATION_WEBHOOKS_ALLOWEDHOSTS";
    /**
     * Where the services send their spans: Spring Boot's own management.tracing.export.zipkin.* settings, which it
     * binds from these variables by itself, so no application.yml names them as placeholders.
     */
    private static final Map<String, String> TRACE_EXPORT = Map.of(
            "MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED", "true",
            "MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", "http://trace-viewer:9411/api/v2/spans");
    /** Every order traced, as on the local stack, unless compose's environment says otherwise. */
    private static final Map<String, String> TRACE_SAMPLING =
            Map.of("COFFEESHOP_TRACING_SAMPLING_PROBABILITY", "${COFFEESHOP_TRACING_SAMPLING_PROBABILITY:-1.0}");
    /** What runs beside the system to watch it; Grafana only with its profile. */
    private static final Set<String> OBSERVABILITY = Set.of("trace-viewer", "prometheus", "grafana");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private static Map<String, Object> services;
    private static String initSql;

    @BeforeAll
    static void readFiles() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        services = map(compose.get("services"));
        initSql = Files.readString(ROOT.resolve("deploy/postgres/init.sql"));
    }

    @Test
    void runsKafkaPostgresTheIdentityProviderEveryServiceAndWhatWatchesThem() {
        // given
        var expected = new HashSet<>(Set.of("kafka", "postgres", "identity-provider"));
        expected.addAll(OBSERVABILITY);
        for (Service service : Service.values()) {
            expected.add(service.moduleName());
        }

        // when / then
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void checksTheHealthOfEveryContainer() {
        services.forEach((name, definition) -> {
            // given
            Map<String, Object> healthcheck = map(map(definition).get("healthcheck"));

            // when / then
            assertThat(healthcheck).as(name).containsKey("test");
            assertThat(healthcheck.get("test").toString()).as(name).isNotBlank();
        });
    }

    @Test
    void givesEveryServiceTheConventionalEnvironmentPortsAndHealthProbe() {
        for (Service service : Service.values()) {
            // given
            Map<String, Object> definition = map(services.get(service.moduleName()));

            // when
            Map<String, Object> environment = map(definition.get("environment"));

            // then
            assertThat(environment)
                    .as(service.moduleName())
                    .containsKeys(CONVENTIONAL_VARIABLES.toArray(String[]::new));
            assertThat(environment.get("SERVER_PORT").toString()).isEqualTo(Integer.toString(service.defaultPort()));
            assertThat(environment.get("MANAGEMENT_SERVER_PORT").toString())
                    .isEqualTo(Integer.toString(service.defaultManagementPort()));
            assertThat(list(definition.get("ports")))
                    .contains(service.defaultPort() + ":" + service.defaultPort())
                    .as("the actuator on the host's loopback only")
                    .contains("127.0.0.1:" + service.defaultManagementPort() + ":" + service.defaultManagementPort())
                    .doesNotContain(service.defaultManagementPort() + ":" + service.defaultManagementPort());
            assertThat(map(definition.get("healthcheck")).get("test").toString())
                    .as("the readiness probe on the public port")
                    .contains("/" + service.defaultPort())
                    .contains("GET /readyz")
                    .contains("UP");
        }
    }

    @Test
    void setsOnlyVariablesTheServicesActuallyRead() throws IOException {
        for (Service service : Service.values()) {
            // given
            Path applicationYml = ROOT.resolve(service.moduleName()).resolve("src/main/resources/application.yml");
            Set<String> read = new HashSet<>(CONVENTIONAL_VARIABLES);
            if (Files.exists(applicationYml)) {
                read = placeholders(Files.readString(applicationYml));
                assertThat(read).as("variables " + applicationYml + " reads").containsAll(CONVENTIONAL_VARIABLES);
            }
            read.addAll(KAFKA_CREDENTIALS);
            read.addAll(TRACE_EXPORT.keySet());

            // when
            Set<String> set = map(map(services.get(service.moduleName())).get("environment"))
                    .keySet();

            // then: anything else must be a coffeeshop.* setting, which Spring binds from COFFEESHOP_* by itself
            for (String variable : set) {
                assertThat(read.contains(variable) || variable.startsWith("COFFEESHOP_"))
                        .as(service.moduleName() + " is given " + variable + " but does not read it")
                        .isTrue();
            }
        }
    }

    /**
     * order-intake's operator's order page: the other two services inside compose's network, and each order's trace
     * in the viewer as a browser on the host reaches it (docs/operations.md).
     */
    static final Map<String, String> OPERATOR_PAGE = Map.of(
            "COFFEESHOP_OPERATOR_BARISTAWORKERURL", "http://barista-worker:8081",
            "COFFEESHOP_OPERATOR_NOTIFICATIONSERVICEURL", "http://notification-service:8082",
            "COFFEESHOP_OPERATOR_TRACEVIEWERURL",
                    "http://localhost:9411/zipkin/?annotationQuery=order.id%3D{orderId}&lookback=7d&endTs={endTs}&limit=10");

    @Test
    void leavesEveryOtherSettingToTheServicesOwnDefaults() {
        for (Service service : Service.values()) {
            // given
            Map<String, Object> environment =
                    map(map(services.get(service.moduleName())).get("environment"));

            // when
            Set<String> set = new HashSet<>(environment.keySet());
            set.removeAll(CONVENTIONAL_VARIABLES);

            // then: a COFFEESHOP_* value here would be a second default, bound to drift from the service's own
            Set<String> expected = new HashSet<>(TRUSTED_ISSUER.keySet());
            expected.addAll(KAFKA_CREDENTIALS);
            expected.addAll(RATE_LIMITS.keySet());
            expected.addAll(TRACE_EXPORT.keySet());
            expected.addAll(TRACE_SAMPLING.keySet());
            if (service == Service.NOTIFICATION_SERVICE) {
                expected.add(WEBHOOK_ALLOW_LIST);
            }
            if (service == Service.ORDER_INTAKE) {
                expected.addAll(OPERATOR_PAGE.keySet());
                OPERATOR_PAGE.forEach((variable, value) ->
                        assertThat(environment.get(variable)).as(variable).isEqualTo(value));
            }
            assertThat(set).as(service.moduleName()).containsExactlyInAnyOrderElementsOf(expected);
            TRUSTED_ISSUER.forEach((variable, value) ->
                    assertThat(environment.get(variable)).as(variable).isEqualTo(value));
            // shown, at the production default the README documents, and taken from compose's environment when set
            RATE_LIMITS.forEach((name, documented) ->
                    assertThat(environment.get(name)).as(name).isEqualTo("${" + name + ":-" + documented + "}"));
        }
    }

    @Test
    void sendsEveryServicesSpansToTheTraceViewerTheLocalStackRuns() throws IOException {
        // given: the Zipkin release the local stack copies (deploy/pom.xml) and the offline mirror builds
        Matcher local = Pattern.compile("<artifactId>zipkin-server</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("deploy/pom.xml")));
        assertThat(local.find()).as("zipkin-server in deploy/pom.xml").isTrue();
        String mirrored = property(Files.readString(ROOT.resolve("deploy/images/zipkin/pom.xml")), "zipkin.version");
        Map<String, Object> viewer = map(services.get("trace-viewer"));

        // when
        String image = viewer.get("image").toString();

        // then: the viewer listens where the services send, and the host reaches it on the port the demo reads
        assertThat(image).isEqualTo("openzipkin/zipkin:" + local.group(1));
        assertThat(mirrored).as("the offline mirror's stand-in").isEqualTo(local.group(1));
        assertThat(map(viewer.get("environment"))).containsEntry("STORAGE_TYPE", "mem");
        assertThat(list(viewer.get("ports"))).containsExactly("127.0.0.1:9411:9411");
        for (Service service : Service.values()) {
            Map<String, Object> environment =
                    map(map(services.get(service.moduleName())).get("environment"));
            TRACE_EXPORT.forEach((variable, value) -> assertThat(environment.get(variable))
                    .as(service.moduleName() + " " + variable)
                    .isEqualTo(value));
            TRACE_SAMPLING.forEach((variable, value) -> assertThat(environment.get(variable))
                    .as(service.moduleName() + " " + variable)
                    .isEqualTo(value));
        }
    }

    @Test
    void runsPrometheusOnTheObservabilityConfigurationWithExemplarsOnTheHostsLoopback() {
        // given
        Map<String, Object> prometheus = map(services.get("prometheus"));

        // when
        List<Object> command = list(prometheus.get("command"));

        // then: Debian 13's release, which the offline mirror's stand-in installs and checks
        assertThat(prometheus.get("image").toString()).matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+");
        assertThat(command)
                .contains(
                        "--config.file=/etc/prometheus/prometheus.yml",
                        "--storage.tsdb.path=/prometheus",
                        "--enable-feature=exemplar-storage");
        assertThat(list(prometheus.get("volumes")))
                .contains("./deploy/observability/prometheus:/etc/prometheus:ro", "prometheus-data:/prometheus");
        assertThat(list(prometheus.get("ports"))).containsExactly("127.0.0.1:9090:9090");
    }

    @Test
    void scrapesEveryServicesActuatorByItsNameInsideTheNetwork() throws IOException {
        // given: the actuator listens on every interface of its container; only the host's side is loopback
        Map<String, Object> config =
                new Yaml().load(Files.readString(ROOT.resolve("deploy/observability/prometheus/prometheus.yml")));
        var scraped = new HashSet<String>();

        // when
        for (Object job : list(config.get("scrape_configs"))) {
            String path = String.valueOf(map(job).getOrDefault("metrics_path", "/metrics"));
            for (Object group : list(map(job).get("static_configs"))) {
                list(map(group).get("targets")).forEach(target -> scraped.add(target + path));
            }
        }

        // then
        for (Service service : Service.values()) {
            Map<String, Object> environment =
                    map(map(services.get(service.moduleName())).get("environment"));
            assertThat(scraped)
                    .contains(service.moduleName() + ":" + environment.get("MANAGEMENT_SERVER_PORT")
                            + "/actuator/prometheus");
        }
    }

    @Test
    void givesGrafanaTheDashboardsWhereItsProvisioningLooksAndPrometheusAsItsDataSource() throws IOException {
        // given
        Path provisioning = ROOT.resolve("deploy/observability/grafana/provisioning");
        Map<String, Object> providers =
                new Yaml().load(Files.readString(provisioning.resolve("dashboards/coffeeshop.yml")));
        Map<String, Object> datasources =
                new Yaml().load(Files.readString(provisioning.resolve("datasources/prometheus.yml")));

        // when
        List<Object> volumes = list(map(services.get("grafana")).get("volumes"));

        // then
        for (Object provider : list(providers.get("providers"))) {
            String path = map(map(provider).get("options")).get("path").toString();
            assertThat(volumes).contains("./deploy/observability/grafana/dashboards:" + path + ":ro");
        }
        assertThat(list(datasources.get("datasources")))
                .anySatisfy(source -> assertThat(map(source)).containsEntry("url", "http://prometheus:9090"));
    }

    @Test
    void runsGrafanaOnlyWithItsProfileOnTheProvisionedDashboards() {
        // given
        Map<String, Object> grafana = map(services.get("grafana"));

        // when
        Map<String, Object> environment = map(grafana.get("environment"));

        // then: no stand-in can be built for it, so plain `docker compose up` must not need its image
        assertThat(list(grafana.get("profiles"))).containsExactly("dashboards");
        assertThat(list(grafana.get("volumes")))
                .contains("./deploy/observability/grafana/provisioning:/etc/grafana/provisioning:ro");
        assertThat(environment)
                .containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
                .containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
        assertThat(environment.get("GF_SECURITY_ADMIN_PASSWORD").toString())
                .as("the user's value, else a default that says it is for development only")
                .startsWith("${COFFEESHOP_GRAFANA_ADMIN_PASSWORD:-dev-only-");
        assertThat(list(grafana.get("ports"))).containsExactly("127.0.0.1:3000:3000");
        services.forEach((name, definition) -> {
            if (!name.equals("grafana")) {
                assertThat(map(definition)).as(name + " runs without a profile").doesNotContainKey("profiles");
            }
        });
    }

    @Test
    void givesTheIdentityProviderItsIssuerAndTakesItsSecretsFromTheEnvironmentOfComposeUp() {
        // given
        Map<String, Object> environment =
                map(map(services.get("identity-provider")).get("environment"));

        // when / then: the issuer is the URL the host's clients use, which must be what the services trust
        assertThat(environment.get("COFFEESHOP_IDENTITY_ISSUER"))
                .isEqualTo(TRUSTED_ISSUER.get("COFFEESHOP_SECURITY_ISSUER"));
        environment.forEach((variable, value) -> {
            if (variable.endsWith("_SECRET") || variable.endsWith("_PASSWORD")) {
                assertThat(value.toString())
                        .as(variable + ": the user's value, else a default that says it is for development only")
                        .startsWith("${" + variable + ":-dev-only-");
            }
        });
    }

    @Test
    void runsEveryServiceReadOnlyWithoutCapabilitiesAndRestartsItWhenItDies() {
        for (String name : services.keySet()) {
            if (name.equals("kafka") || name.equals("postgres")) {
                continue;
            }
            // given
            Map<String, Object> definition = map(services.get(name));

            // when / then
            assertThat(definition.get("read_only")).as(name).isEqualTo(true);
            assertThat(list(definition.get("tmpfs")))
                    .as("the only writable folder")
                    .containsExactly("/tmp");
            assertThat(list(definition.get("cap_drop"))).containsExactly("ALL");
            assertThat(list(definition.get("security_opt"))).contains("no-new-privileges:true");
            assertThat(definition.get("restart")).isEqualTo("unless-stopped");
        }
    }

    @Test
    void runsTheBrokerVersionTheProjectIsBuiltAndTestedWith() throws IOException {
        // given
        String version = property(Files.readString(ROOT.resolve("pom.xml")), "kafka.version");
        String mirrored = property(Files.readString(ROOT.resolve("deploy/images/kafka/pom.xml")), "kafka.version");

        // when
        String image = map(services.get("kafka")).get("image").toString();

        // then
        assertThat(image).isEqualTo("apache/kafka:" + version);
        assertThat(mirrored).as("the offline mirror's stand-in").isEqualTo(version);
    }

    @Test
    void isWhatTheTestsRunInContainersMode() {
        // when
        String kafka = map(services.get("kafka")).get("image").toString();
        String postgres = map(services.get("postgres")).get("image").toString();

        // then COFFEESHOP_TEST_INFRASTRUCTURE=containers runs the same images
        assertThat(TestInfrastructure.KAFKA_IMAGE).isEqualTo(kafka);
        assertThat(TestInfrastructure.POSTGRES_IMAGE).isEqualTo(postgres);
    }

    private static String property(String pom, String name) {
        Matcher matcher =
                Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(matcher.find()).as(name + " in a pom").isTrue();
        return matcher.group(1).trim();
    }

    @Test
    void pointsEveryServiceAtItsOwnDatabaseWhichInitSqlCreatesForItsUser() {
        for (Service service : Service.values()) {
            // given
            Map<String, Object> environment =
                    map(map(services.get(service.moduleName())).get("environment"));
            String user = environment.get("DATABASE_USERNAME").toString();
            String password = environment.get("DATABASE_PASSWORD").toString();

            // when
            String url = environment.get("DATABASE_URL").toString();

            // then
            assertThat(url).isEqualTo("jdbc:postgresql://postgres:5432/" + service.database());
            assertThat(initSql)
                    .contains("CREATE USER " + user + " WITH PASSWORD '" + password + "';")
                    .contains("CREATE DATABASE " + service.database() + " OWNER " + user + ";")
                    .contains("REVOKE ALL ON DATABASE " + service.database() + " FROM PUBLIC;");
        }
    }

    @Test
    void mountsInitSqlIntoPostgres() {
        // given
        Map<String, Object> postgres = map(services.get("postgres"));

        // when
        List<Object> volumes = list(postgres.get("volumes"));

        // then
        assertThat(volumes).contains("./deploy/postgres/init.sql:/docker-entrypoint-initdb.d/init.sql:ro");
        assertThat(postgres.get("image").toString()).startsWith("postgres:17");
    }

    @Test
    void pointsEveryServiceAtTheBrokersListenerForContainers() {
        // given
        Map<String, Object> kafka = map(map(services.get("kafka")).get("environment"));
        String advertised = kafka.get("KAFKA_ADVERTISED_LISTENERS").toString();
        assertThat(kafka.get("KAFKA_NUM_PARTITIONS").toString()).isEqualTo("6");
        assertThat(kafka.get("KAFKA_PROCESS_ROLES").toString()).isEqualTo("broker,controller");

        for (Service service : Service.values()) {
            // when
            String bootstrap = map(map(services.get(service.moduleName())).get("environment"))
                    .get("KAFKA_BOOTSTRAP_SERVERS")
                    .toString();

            // then
            assertThat(advertised).contains("://" + bootstrap);
        }
    }

    @Test
    void connectsEveryServiceAsItsOwnKafkaPrincipalWithThePasswordTheBrokerWasGiven() {
        Map<String, Object> kafka = map(map(services.get("kafka")).get("environment"));
        for (Service service : Service.values()) {
            // given
            Map<String, Object> environment =
                    map(map(services.get(service.moduleName())).get("environment"));
            String password = "COFFEESHOP_KAFKA_" + service.environmentPrefix() + "_PASSWORD";

            // when / then: from your environment, with a default marked as dev-only
            assertThat(environment.get("KAFKA_USERNAME")).isEqualTo(service.moduleName());
            assertThat(environment.get("KAFKA_PASSWORD"))
                    .isEqualTo("${" + password + ":-dev-only-" + service.moduleName() + "}")
                    .isEqualTo(kafka.get(password));
        }
    }

    @Test
    void demandsSaslOnEveryListenerAndAnAclForEverything() {
        // given
        Map<String, Object> kafka = map(map(services.get("kafka")).get("environment"));

        // when
        String protocols = kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").toString();

        // then
        assertThat(protocols.split(","))
                .allSatisfy(listener -> assertThat(listener).endsWith(":SASL_PLAINTEXT"));
        assertThat(kafka)
                .containsEntry("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_SUPER_USERS", "User:" + KafkaAccess.BROKER + ";User:" + KafkaAccess.TOOLS);
        assertThat(kafka.get("KAFKA_LISTENERS").toString()).contains("CONTROLLER://127.0.0.1:");
    }

    @Test
    void grantsEachServiceWhatKafkaAccessSaysAndCreatesEveryTopicUpFront() {
        // given
        String script =
                list(map(services.get("kafka")).get("command")).getLast().toString();
        var expected = new HashSet<String>();
        for (KafkaAccess service : KafkaAccess.services()) {
            for (KafkaAccess.Grant grant : service.grants()) {
                grant.operations()
                        .forEach(operation -> expected.add(
                                service.principal() + " " + operation + " " + grant.resource() + " " + grant.name()));
            }
        }

        // when: each "acl User:<principal> --operation <op>... --topic <t>... | --group <g> | --cluster" line
        var granted = new HashSet<String>();
        Matcher line = Pattern.compile("(?m)^\\s*acl User:(\\S+) (.*)$").matcher(script);
        while (line.find()) {
            var operations = new HashSet<String>();
            var resources = new HashSet<String>();
            Matcher option = Pattern.compile("--(operation|topic|group|cluster)(?: (\\S+))?")
                    .matcher(line.group(2));
            while (option.find()) {
                switch (option.group(1)) {
                    case "operation" ->
                        operations.add(option.group(2)
                                .replaceAll("([a-z])([A-Z])", "$1_$2")
                                .toUpperCase(java.util.Locale.ROOT));
                    case "cluster" -> resources.add("CLUSTER " + KafkaAccess.CLUSTER_NAME);
                    default ->
                        resources.add(option.group(1).toUpperCase(java.util.Locale.ROOT) + " " + option.group(2));
                }
            }
            operations.forEach(operation ->
                    resources.forEach(resource -> granted.add(line.group(1) + " " + operation + " " + resource)));
        }

        // then
        assertThat(granted).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(KafkaAccess.topics()).allSatisfy(topic -> assertThat(script).contains(topic));
        assertThat(script).contains("--partitions " + Topics.PARTITIONS);
    }

    @Test
    void startsServicesOnlyOnceKafkaPostgresAndTheIdentityProviderAreHealthy() {
        for (Service service : Service.values()) {
            // given
            Map<String, Object> dependsOn =
                    map(map(services.get(service.moduleName())).get("depends_on"));

            // when / then
            assertThat(dependsOn).containsOnlyKeys("kafka", "postgres", "identity-provider");
            dependsOn.values().forEach(condition -> assertThat(map(condition))
                    .containsEntry("condition", "service_healthy"));
        }
    }

    @Test
    void buildsEveryServiceFromTheOneDockerfileAsANonRootUserOnAJre() throws IOException {
        // given
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));

        // when / then
        for (Service service : Service.values()) {
            Map<String, Object> build =
                    map(map(services.get(service.moduleName())).get("build"));
            assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "deploy/Dockerfile");
            assertThat(map(build.get("args"))).containsEntry("MODULE", service.moduleName());
        }
        assertThat(dockerfile)
                .contains("ARG MODULE")
                .contains("ARG JRE_IMAGE=eclipse-temurin:25-jre")
                .contains("FROM ${JRE_IMAGE}");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        assertThat(user.find()).as("a USER instruction").isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
    }

    private static Set<String> placeholders(String yaml) {
        var names = new HashSet<String>();
        Matcher matcher = PLACEHOLDER.matcher(yaml);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
