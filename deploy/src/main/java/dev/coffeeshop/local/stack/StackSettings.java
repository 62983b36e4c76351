package dev.coffeeshop.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that differs between one local stack and another: ports, the data folder, and which infrastructure is
 * started here rather than used from elsewhere.
 *
 * @param projectRoot the repository root; service jars are found at {@code <module>/target/<module>-<version>.jar}
 * @param dataDirectory Kafka's and PostgreSQL's data, the logs and the state file ({@code .coffeeshop} by default)
 * @param externalKafka a broker to use instead of starting one
 * @param externalDatabases one database per service to use instead of the embedded PostgreSQL (all or none)
 * @param services the services to start (all by default; none brings up only the infrastructure)
 * @param serviceEnvironment extra environment for every service: the {@code COFFEESHOP_*} settings the user gave and
 *     the demo's webhook allow-list; nothing else, so every other setting is the service's default
 * @param aotCaches run services with an ahead-of-time class cache kept in {@code <data>/aot} (JDK 25+): the first
 *     run records it at shutdown, later runs start about twice as fast; off by default, on for {@code ./coffeeshop}
 * @param identity the identity provider's port and the secrets of its clients and people, new for every stack
 * @param traceViewerPort where the stack's trace viewer (Zipkin) listens; 0 for none ({@link #withTraceViewer})
 */
public record StackSettings(
        Path projectRoot,
        Path dataDirectory,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        Map<Service, Integer> servicePorts,
        Map<Service, Integer> managementPorts,
        Optional<String> externalKafka,
        Map<Service, DatabaseConnection> externalDatabases,
        Set<Service> services,
        Map<String, String> serviceEnvironment,
        List<String> serviceJvmOptions,
        List<String> kafkaJvmOptions,
        Duration startupTimeout,
        boolean aotCaches,
        Identity identity,
        int traceViewerPort) {

    public static final String WEBHOOK_ALLOWED_HOSTS = "COFFEESHOP_NOTIFICATION_WEBHOOKS_ALLOWEDHOSTS";

    /**
     * Budgets of their own in the services' rate limit per client (docs/security.md, "Rate limits") for the
     * project's own tools' clients, whose tokens the demo, the bench, the fault suite and the load tests use: they send
     * hundreds of requests a second, which a customer's budget would refuse. Everyone else, customers signed in through
     * the browser and anonymous callers, keeps the production defaults, so the attack suite's bursts are refused as
     * they would be in production. The limit still runs for the tools, so the bench measures its cost.
     */
    public static final Map<String, String> LOAD_DRIVER_RATE_LIMITS = Map.of(
            "COFFEESHOP_HTTP_RATELIMIT_SUBJECTS_TOOLS_READS", "1000000",
            "COFFEESHOP_HTTP_RATELIMIT_SUBJECTS_TOOLS_WRITES", "1000000",
            "COFFEESHOP_HTTP_RATELIMIT_SUBJECTS_OPERATOR_READS", "1000000",
            "COFFEESHOP_HTTP_RATELIMIT_SUBJECTS_OPERATOR_WRITES", "1000000");
    /** The share of orders traced, for every service (its {@code management.tracing.sampling.probability}). */
    public static final String TRACING_SAMPLING = "COFFEESHOP_TRACING_SAMPLING_PROBABILITY";

    /** Where the local stack's trace viewer listens: Zipkin's own port. */
    public static final int DEFAULT_TRACE_VIEWER_PORT = 9411;

    /** Where {@code ./coffeeshop demo --webhooks} listens by default. */
    public static final int DEMO_WEBHOOK_PORT = 9999;

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    /** Not 5432: a system PostgreSQL often holds that one. */
    public static final int DEFAULT_POSTGRES_PORT = 15432;

    /** Small heap, one GC thread and C1 only: the services start much faster on a small box and need no more. */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-Xmx384m");

    /**
     * What a production deployment runs the services with, and what {@code ./coffeeshop bench} measures: the start-up
     * tuning above caps the JIT at C1 and collects with one thread, which costs throughput under load. Here C2 compiles
     * the hot paths and the parallel collector uses every core; the heap is fixed (grown up front, never given back)
     * and sized for a 350 MB container: a service holds about 70 MB of metaspace, 35 MB of compiled code and some 50 MB
     * of other native memory besides its heap, so 256 MB of heap put each service at 420-510 MB resident and 128 MB
     * keeps all three under 350 MB. G1 was measured too: its remembered sets and bitmaps cost about 40 MB more per
     * service than the parallel collector's. Native memory freed by the JVM is handed back every few seconds.
     */
    public static final List<String> PRODUCTION_SERVICE_JVM_OPTIONS = List.of(
            "-XX:+UseParallelGC",
            "-Xms128m",
            "-Xmx128m",
            "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m",
            "-XX:TrimNativeHeapInterval=5000",
            "-XX:+ExitOnOutOfMemoryError");

    /** A Kafka node that starts quickly and stays small: C1 only, one GC thread, the heap grown as needed. */
    public static final List<String> DEFAULT_KAFKA_JVM_OPTIONS =
            List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /**
     * A Kafka node as Kafka's own start script runs it (G1 aiming at 20 ms pauses, starting its concurrent cycle early,
     * a fixed heap), with the heap cut from Kafka's 1 GB to what one small node needs: a broker keeps its data in the
     * page cache, not on the heap.
     */
    public static final List<String> PRODUCTION_KAFKA_JVM_OPTIONS = List.of(
            "-Xms256m",
            "-Xmx256m",
            "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35",
            "-XX:+ExplicitGCInvokesConcurrent");

    public StackSettings {
        projectRoot = projectRoot.toAbsolutePath().normalize();
        dataDirectory = dataDirectory.toAbsolutePath().normalize();
        servicePorts = Map.copyOf(servicePorts);
        managementPorts = Map.copyOf(managementPorts);
        externalDatabases = Map.copyOf(externalDatabases);
        services = services.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(services));
        serviceEnvironment = Map.copyOf(serviceEnvironment);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        kafkaJvmOptions = List.copyOf(kafkaJvmOptions);
        for (Service service : Service.values()) {
            if (!servicePorts.containsKey(service) || !managementPorts.containsKey(service)) {
                throw new IllegalArgumentException("no port for " + service.moduleName());
            }
        }
        if (!externalDatabases.isEmpty() && externalDatabases.size() != Service.values().length) {
            throw new IllegalArgumentException("external databases must be given for every service or for none");
        }
    }

    /** The conventional ports, data under {@code <projectRoot>/.coffeeshop}, everything started here. */
    public static StackSettings defaults(Path projectRoot) {
        var ports = new EnumMap<Service, Integer>(Service.class);
        var managementPorts = new EnumMap<Service, Integer>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, service.defaultPort());
            managementPorts.put(service, service.defaultManagementPort());
        }
        return new StackSettings(
                projectRoot,
                projectRoot.resolve(".coffeeshop"),
                DEFAULT_KAFKA_PORT,
                DEFAULT_KAFKA_CONTROLLER_PORT,
                DEFAULT_POSTGRES_PORT,
                ports,
                managementPorts,
                Optional.empty(),
                Map.of(),
                EnumSet.allOf(Service.class),
                Map.of(),
                DEFAULT_SERVICE_JVM_OPTIONS,
                DEFAULT_KAFKA_JVM_OPTIONS,
                Duration.ofSeconds(180),
                false,
                Identity.generated(Identity.DEFAULT_PORT),
                0);
    }

    /**
     * The defaults adjusted by the launcher's environment: {@code KAFKA_BOOTSTRAP_SERVERS} uses that broker;
     * {@code <SERVICE>_DATABASE_URL} (with optional {@code _USERNAME}/{@code _PASSWORD}) for all three services uses
     * those databases; variables starting with {@code COFFEESHOP_} (other than the launcher's own) reach the services;
     * {@code COFFEESHOP_LAUNCHER_SERVICES} (comma-separated module names, or {@code none}) starts only those;
     * services run with ahead-of-time caches unless {@code COFFEESHOP_LAUNCHER_AOT=off}.
     */
    public static StackSettings fromEnvironment(Path projectRoot, Map<String, String> environment) {
        StackSettings settings = defaults(projectRoot);
        String kafka = blankToNull(environment.get("KAFKA_BOOTSTRAP_SERVERS"));
        if (kafka != null) {
            settings = settings.withExternalKafka(kafka);
        }
        var databases = new EnumMap<Service, DatabaseConnection>(Service.class);
        var missing = new ArrayList<String>();
        for (Service service : Service.values()) {
            String prefix = service.environmentPrefix() + "_DATABASE_";
            String url = blankToNull(environment.get(prefix + "URL"));
            if (url == null) {
                missing.add(prefix + "URL");
                continue;
            }
            databases.put(
                    service,
                    new DatabaseConnection(
                            url,
                            environment.getOrDefault(prefix + "USERNAME", service.database()),
                            environment.getOrDefault(prefix + "PASSWORD", service.database())));
        }
        if (!databases.isEmpty() && !missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "Set the database of every service or of none; missing: " + String.join(", ", missing));
        }
        if (!databases.isEmpty()) {
            settings = settings.withExternalDatabases(databases);
        }
        // only what the user set: every other setting is the service's own default (README, "Configuration that
        // matters"), so the stack runs as the services do anywhere else
        var serviceEnvironment = new LinkedHashMap<String, String>();
        environment.forEach((name, value) -> {
            // the identity provider's secrets are its own: no service ever sees them
            if (name.startsWith("COFFEESHOP_")
                    && !name.startsWith("COFFEESHOP_LAUNCHER_")
                    && !name.startsWith("COFFEESHOP_IDENTITY_")) {
                serviceEnvironment.put(name, value);
            }
        });
        settings = settings.withServiceEnvironment(serviceEnvironment)
                .withAotCaches(!"off".equalsIgnoreCase(environment.getOrDefault("COFFEESHOP_LAUNCHER_AOT", "on")));
        String only = blankToNull(environment.get("COFFEESHOP_LAUNCHER_SERVICES"));
        if (only != null) {
            var services = EnumSet.noneOf(Service.class);
            for (String name : only.split(",")) {
                if (!name.isBlank() && !name.strip().equals("none")) {
                    services.add(Service.ofModule(name.strip()));
                }
            }
            settings = settings.withServices(services);
        }
        return settings;
    }

    /**
     * These settings with the local demo's webhook receiver ({@code ./coffeeshop demo --webhooks 9999}) allow-listed
     * for the notification service, unless an allow-list is set already: the server-side request forgery guard refuses
     * every loopback address otherwise.
     */
    public StackSettings withDemoWebhookReceiver() {
        if (blankToNull(serviceEnvironment.get(WEBHOOK_ALLOWED_HOSTS)) != null) {
            return this;
        }
        var environment = new LinkedHashMap<>(serviceEnvironment);
        environment.put(WEBHOOK_ALLOWED_HOSTS, "localhost:" + DEMO_WEBHOOK_PORT);
        return withServiceEnvironment(environment);
    }

    /**
     * These settings with budgets per client the project's own load drivers do not exhaust ({@link
     * #LOAD_DRIVER_RATE_LIMITS}), each unless the user set it: the local stack is a development and test stack.
     */
    public StackSettings withLoadDriverRateLimits() {
        var environment = new LinkedHashMap<>(serviceEnvironment);
        LOAD_DRIVER_RATE_LIMITS.forEach((name, value) -> {
            if (blankToNull(environment.get(name)) == null) {
                environment.put(name, value);
            }
        });
        return withServiceEnvironment(environment);
    }

    /**
     * These settings with a trace viewer (Zipkin) on {@code port}, to which the services send every order's spans:
     * each service gets Spring Boot's Zipkin export switched on with this endpoint, and samples every trace, unless
     * the user set {@value #TRACING_SAMPLING} (docs/observability.md).
     */
    public StackSettings withTraceViewer(int port) {
        var environment = new LinkedHashMap<>(serviceEnvironment);
        environment.put("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENABLED", "true");
        environment.put("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", "http://localhost:" + port + "/api/v2/spans");
        environment.putIfAbsent(TRACING_SAMPLING, "1.0");
        return new StackSettings(
                projectRoot,
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                servicePorts,
                managementPorts,
                externalKafka,
                externalDatabases,
                services,
                Map.copyOf(environment),
                serviceJvmOptions,
                kafkaJvmOptions,
                startupTimeout,
                aotCaches,
                identity,
                port);
    }

    /** Whether the stack starts a trace viewer ({@link #withTraceViewer}). */
    public boolean startsTraceViewer() {
        return traceViewerPort != 0;
    }

    /** Every port picked free by the operating system, for tests that must not collide with a running stack. */
    public StackSettings onFreePorts() {
        var ports = new EnumMap<Service, Integer>(Service.class);
        var managementPorts = new EnumMap<Service, Integer>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, freePort());
            managementPorts.put(service, freePort());
        }
        var onFreePorts = new StackSettings(
                projectRoot,
                dataDirectory,
                freePort(),
                freePort(),
                freePort(),
                ports,
                managementPorts,
                externalKafka,
                externalDatabases,
                services,
                serviceEnvironment,
                serviceJvmOptions,
                kafkaJvmOptions,
                startupTimeout,
                aotCaches,
                identity.onPort(freePort()),
                0);
        // the services' export endpoint follows the viewer to its new port
        return startsTraceViewer() ? onFreePorts.withTraceViewer(freePort()) : onFreePorts;
    }

    /**
     * These settings with every port given: Kafka's listener and controller, PostgreSQL's, and each service's API and
     * management ports.
     */
    public StackSettings withPorts(
            int kafka,
            int kafkaController,
            int postgres,
            Map<Service, Integer> services,
            Map<Service, Integer> managementPorts) {
        return new StackSettings(
                projectRoot,
                dataDirectory,
                kafka,
                kafkaController,
                postgres,
                services,
                managementPorts,
                externalKafka,
                externalDatabases,
                this.services,
                serviceEnvironment,
                serviceJvmOptions,
                kafkaJvmOptions,
                startupTimeout,
                aotCaches,
                identity,
                traceViewerPort);
    }

    public StackSettings withServiceJvmOptions(List<String> options) {
        return new StackSettings(
                projectRoot,
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                servicePorts,
                managementPorts,
                externalKafka,
                externalDatabases,
                services,
                serviceEnvironment,
                options,
                kafkaJvmOptions,
                startupTimeout,
                aotCaches,
                identity,
                traceViewerPort);
    }

    public StackSettings withKafkaJvmOptions(List<String> options) {
        return new StackSettings(
                projectRoot,
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                servicePorts,
                managementPorts,
                externalKafka,
                externalDatabases,
                services,
                serviceEnvironment,
                serviceJvmOptions,
                options,
                startupTimeout,
                aotCaches,
                identity,
                traceViewerPort);
    }

    public StackSettings withDataDirectory(Path directory) {
        return new StackSettings(
                projectRoot,
                directory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                servicePorts,
                managementPorts,
                externalKafka,
                externalDatabases,
                services,
                serviceEnvironment,
                serviceJvmOptions,
                kafkaJvmOptions,
                startupTimeout,
                aotCaches,
                identity,
                traceViewerPort);
    }

    public StackSettings withServices(Set<Service> only) {
        return new StackSettings(
                projectRoot,
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                servicePorts,
                managementPorts,
                externalKafka,
                externalDatabases,
                only,
                serviceEnvironment,
                serviceJvmOptions,
                kafkaJvmOptions,
                startupTimeout,
                aotCaches,
                identity,
                traceViewerPort);
    }

    public StackSettings withExternalKafka(String bootstrapServers) {
        return new StackSettings(
                projectRoot,
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                servicePorts,
                managementPorts,
                Optional.of(bootstrapServers),
                externalDatabases,
                services,
                serviceEnvironment,
                serviceJvmOptions,
                kafkaJvmOptions,
                startupTimeout,
                aotCaches,
                identity,
                traceViewerPort);
    }

    public StackSettings withExternalDatabases(Map<Service, DatabaseConnection> databases) {
        return new StackSettings(
                projectRoot,
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                servicePorts,
                managementPorts,
                externalKafka,
                databases,
                services,
                serviceEnvironment,
                serviceJvmOptions,
                kafkaJvmOptions,
                startupTimeout,
                aotCaches,
                identity,
                traceViewerPort);
    }

    public StackSettings withServiceEnvironment(Map<String, String> environment) {
        return new StackSettings(
                projectRoot,
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                servicePorts,
                managementPorts,
                externalKafka,
                externalDatabases,
                services,
                environment,
                serviceJvmOptions,
                kafkaJvmOptions,
                startupTimeout,
                aotCaches,
                identity,
                traceViewerPort);
    }

    public StackSettings withStartupTimeout(Duration timeout) {
        return new StackSettings(
                projectRoot,
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                servicePorts,
                managementPorts,
                externalKafka,
                externalDatabases,
                services,
                serviceEnvironment,
                serviceJvmOptions,
                kafkaJvmOptions,
                timeout,
                aotCaches,
                identity,
                traceViewerPort);
    }

    public StackSettings withAotCaches(boolean enabled) {
        return new StackSettings(
                projectRoot,
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                servicePorts,
                managementPorts,
                externalKafka,
                externalDatabases,
                services,
                serviceEnvironment,
                serviceJvmOptions,
                kafkaJvmOptions,
                startupTimeout,
                enabled,
                identity,
                traceViewerPort);
    }

    public StackSettings withIdentity(Identity other) {
        return new StackSettings(
                projectRoot,
                dataDirectory,
                kafkaPort,
                kafkaControllerPort,
                postgresPort,
                servicePorts,
                managementPorts,
                externalKafka,
                externalDatabases,
                services,
                serviceEnvironment,
                serviceJvmOptions,
                kafkaJvmOptions,
                startupTimeout,
                aotCaches,
                other,
                traceViewerPort);
    }

    public int port(Service service) {
        return servicePorts.get(service);
    }

    /** Where the service's actuator listens: metrics, health and the rest, apart from its API. */
    public int managementPort(Service service) {
        return managementPorts.get(service);
    }

    boolean startsKafka() {
        return externalKafka.isEmpty();
    }

    boolean startsPostgres() {
        return externalDatabases.isEmpty();
    }

    Path logDirectory() {
        return dataDirectory.resolve("logs");
    }

    Path log(String component) {
        return logDirectory().resolve(component + ".log");
    }

    /** The ports this stack will listen on, each named after its owner, in start order. */
    Map<String, Integer> portsToBind() {
        var ports = new LinkedHashMap<String, Integer>();
        if (startsKafka()) {
            ports.put("kafka", kafkaPort);
            ports.put("kafka controller", kafkaControllerPort);
        }
        if (startsPostgres()) {
            ports.put("postgres", postgresPort);
        }
        ports.put("identity-provider", identity.port());
        if (startsTraceViewer()) {
            ports.put("trace viewer", traceViewerPort);
        }
        for (Service service : Service.values()) {
            if (services.contains(service)) {
                ports.put(service.moduleName(), port(service));
                ports.put(service.moduleName() + " management", managementPort(service));
            }
        }
        return ports;
    }

    /** Ports handed out in this JVM: the system may offer a port again as soon as the probing socket closes. */
    private static final Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A port free now and not handed out before by this JVM, so that one stack's ports are all distinct. */
    private static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (var socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
        throw new IllegalStateException("no free port that was not handed out already");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
