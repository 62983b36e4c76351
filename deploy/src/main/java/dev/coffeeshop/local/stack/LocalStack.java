package dev.coffeeshop.local.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The whole system on this machine: Kafka and PostgreSQL (started here unless given), then the three services, each
 * as a separate process, started in parallel where they do not depend on each other. {@link #close()} stops
 * everything in reverse: the services first, so they finish their work while Kafka and PostgreSQL are still there.
 *
 * <pre>{@code
 * try (var stack = LocalStack.start(StackSettings.defaults(root).withDataDirectory(tmp).onFreePorts())) {
 *     URI api = stack.baseUrl(Service.ORDER_INTAKE);
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration INFRASTRUCTURE_TIMEOUT = Duration.ofSeconds(90);

    private final StackSettings settings;
    private final Consumer<String> progress;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile KafkaBroker kafka;
    private volatile KafkaSecurity kafkaSecurity;
    private volatile PostgresServer postgres;
    private volatile IdentityProviderProcess identityProvider;
    private volatile TraceViewerProcess traceViewer;
    private volatile String kafkaBootstrapServers;
    private volatile Map<Service, DatabaseConnection> databases = Map.of();
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private volatile Duration startupTime = Duration.ZERO;

    private LocalStack(StackSettings settings, Consumer<String> progress, KafkaSecurity externalKafkaSecurity) {
        this.settings = settings;
        this.progress = progress;
        this.kafkaSecurity = externalKafkaSecurity;
    }

    public static LocalStack start(StackSettings settings) {
        return start(settings, System.out::println);
    }

    /**
     * Starts everything on a given Kafka ({@link StackSettings#externalKafka()}) whose users and ACLs {@code security}
     * set up, e.g. the fault suite's cluster: each service connects as its own principal.
     */
    public static LocalStack start(StackSettings settings, KafkaSecurity security, Consumer<String> progress) {
        var stack = new LocalStack(settings.withDemoWebhookReceiver().withLoadDriverRateLimits(), progress, security);
        stack.bringUp();
        return stack;
    }

    /** Starts everything and returns once every service reports UP; on failure stops what it started and throws. */
    public static LocalStack start(StackSettings settings, Consumer<String> progress) {
        var stack = prepare(settings, progress);
        stack.bringUp();
        return stack;
    }

    /**
     * A stack not started yet: for callers that must be able to {@link #close()} it from another thread while it
     * starts (e.g. on Ctrl-C), which stops whatever has started so far.
     */
    public static LocalStack prepare(StackSettings settings, Consumer<String> progress) {
        return new LocalStack(settings.withDemoWebhookReceiver().withLoadDriverRateLimits(), progress, null);
    }

    /** Starts everything and returns once every service reports UP; on failure stops what it started and throws. */
    public void bringUp() {
        try {
            startEverything();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startEverything() {
        long started = System.nanoTime();
        // before the parallel starts: loggers first touched from two threads at once lose their early messages
        LoggerFactory.getILoggerFactory();
        requireFreePorts(settings.portsToBind());
        try {
            Files.createDirectories(settings.logDirectory());
        } catch (IOException e) {
            throw new StackStartupException("Cannot create " + settings.logDirectory() + ": " + e.getMessage(), e);
        }
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            var kafkaReady = CompletableFuture.runAsync(this::startKafka, parallel);
            var postgresReady = CompletableFuture.runAsync(this::startPostgres, parallel);
            var identityReady = CompletableFuture.runAsync(this::startIdentityProvider, parallel);
            var traceViewerReady = CompletableFuture.runAsync(this::startTraceViewer, parallel);
            await(List.of(kafkaReady, postgresReady, identityReady, traceViewerReady));

            var healthy = new ArrayList<CompletableFuture<Void>>();
            for (Service service : Service.values()) {
                if (settings.services().contains(service)) {
                    healthy.add(CompletableFuture.runAsync(() -> startService(service), parallel));
                }
            }
            await(healthy);
        }
        startupTime = Duration.ofNanos(System.nanoTime() - started);
        StackFile.write(this);
    }

    private void startService(Service service) {
        long t = System.nanoTime();
        var process = ServiceProcess.start(
                service, settings, kafkaBootstrapServers, kafkaCredentials(service), databases.get(service));
        synchronized (services) {
            services.put(service, process);
        }
        stopIfClosed(process);
        process.awaitHealthy(settings.startupTimeout());
        progress.accept("  %-21s UP in %.1f s  (pid %d, %s, management %s)"
                .formatted(
                        service.moduleName(),
                        seconds(t),
                        process.process().pid(),
                        process.baseUrl(),
                        process.managementUrl()));
    }

    private void startKafka() {
        long t = System.nanoTime();
        if (settings.externalKafka().isPresent()) {
            kafkaBootstrapServers = settings.externalKafka().get();
            KafkaBroker.awaitReachable(kafkaBootstrapServers, Duration.ofSeconds(30), null, kafkaToolsSettings());
            progress.accept("  %-21s reachable at %s (given by KAFKA_BOOTSTRAP_SERVERS)"
                    .formatted("kafka", kafkaBootstrapServers));
            return;
        }
        kafka = KafkaBroker.start(settings, kafkaClasspath());
        stopIfClosed(kafka);
        kafka.awaitReady(INFRASTRUCTURE_TIMEOUT);
        kafkaSecurity = kafka.security();
        kafkaBootstrapServers = kafka.bootstrapServers();
        progress.accept("  %-21s UP in %.1f s  (pid %d, %s)"
                .formatted("kafka", seconds(t), kafka.process().pid(), kafkaBootstrapServers));
    }

    private void startIdentityProvider() {
        long t = System.nanoTime();
        identityProvider = IdentityProviderProcess.start(settings);
        stopIfClosed(identityProvider);
        identityProvider.awaitHealthy(settings.startupTimeout());
        progress.accept("  %-21s UP in %.1f s  (pid %d, issuer %s)"
                .formatted(
                        IdentityProviderProcess.NAME,
                        seconds(t),
                        identityProvider.process().pid(),
                        settings.identity().issuer()));
    }

    private void startTraceViewer() {
        if (!settings.startsTraceViewer()) {
            return;
        }
        long t = System.nanoTime();
        traceViewer = TraceViewerProcess.start(settings);
        stopIfClosed(traceViewer);
        traceViewer.awaitHealthy(settings.startupTimeout());
        progress.accept("  %-21s UP in %.1f s  (pid %d, %s)"
                .formatted(
                        TraceViewerProcess.NAME,
                        seconds(t),
                        traceViewer.process().pid(),
                        traceViewer.baseUrl()));
    }

    private void startPostgres() {
        long t = System.nanoTime();
        if (!settings.startsPostgres()) {
            databases = settings.externalDatabases();
            progress.accept("  %-21s given by <SERVICE>_DATABASE_URL".formatted("databases"));
            return;
        }
        postgres = PostgresServer.start(settings);
        stopIfClosed(postgres);
        databases = postgres.provision();
        progress.accept("  %-21s UP in %.1f s  (pid %s, port %d, databases intake, barista, notification)"
                .formatted(
                        "postgres",
                        seconds(t),
                        postgres.pid().map(String::valueOf).orElse("?"),
                        postgres.port()));
    }

    /** A part that started after {@link #close()} began would outlive the stack: stop it and give up. */
    private void stopIfClosed(AutoCloseable part) {
        if (closed.get()) {
            try {
                part.close();
            } catch (Exception e) {
                progress.accept("Could not stop " + part + ": " + e.getMessage());
            }
            throw new StackStartupException("stopped while starting");
        }
    }

    /**
     * The broker runs from the launcher's own class path, which holds Kafka's jars: the script puts
     * {@code deploy/target/lib} there, and tests run with the module's test class path.
     */
    private static String kafkaClasspath() {
        if (ClassLoader.getSystemResource("kafka/Kafka.class") == null) {
            throw new StackStartupException("Kafka's jars are not on the launcher's class path; build the deploy "
                    + "module: ./mvnw -q -pl deploy -DskipTests package");
        }
        return System.getProperty("java.class.path");
    }

    private static void requireFreePorts(Map<String, Integer> ports) {
        var busy = new ArrayList<String>();
        ports.forEach((owner, port) -> {
            try (var socket = new ServerSocket()) {
                // as servers bind: connections of a previous run in TIME_WAIT do not make a port busy
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            } catch (IOException e) {
                busy.add(port + " (" + owner + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new StackStartupException("Port(s) already in use: " + String.join(", ", busy)
                    + ". Is a stack already running (./coffeeshop status)? Otherwise free them or change them.");
        }
    }

    private static void await(List<CompletableFuture<Void>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            // the others may still be starting: let them finish or fail before the caller stops everything
            futures.forEach(f -> {
                try {
                    f.join();
                } catch (CompletionException ignored) {
                    // reported through the first failure
                }
            });
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public StackSettings settings() {
        return settings;
    }

    /** Tokens for the tools' client (place, read and cancel orders), from this stack's identity provider. */
    public AccessTokens toolsTokens(java.net.http.HttpClient http) {
        return AccessTokens.forTools(settings.identity(), http);
    }

    /** Tokens for the operators' client (the staff endpoints), from this stack's identity provider. */
    public AccessTokens operatorTokens(java.net.http.HttpClient http) {
        return AccessTokens.forOperator(settings.identity(), http);
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /**
     * How the launcher's own tools connect to this stack's Kafka: as the tools principal on the broker started here;
     * without authentication on a broker given by {@code KAFKA_BOOTSTRAP_SERVERS}.
     */
    public Map<String, Object> kafkaToolsSettings() {
        KafkaSecurity security = kafkaSecurity;
        return security == null ? Map.of() : security.toolsClientSettings();
    }

    /** Who may do what on this stack's Kafka; null on a given broker without authentication. */
    KafkaSecurity kafkaSecurity() {
        return kafkaSecurity;
    }

    /** The service's Kafka user and password; none on a given broker without authentication. */
    private Map<String, String> kafkaCredentials(Service service) {
        KafkaSecurity security = kafkaSecurity;
        return security == null ? Map.of() : security.serviceEnvironment(service);
    }

    /** The database, user and password the service was given. */
    public DatabaseConnection database(Service service) {
        return databases.get(service);
    }

    public URI baseUrl(Service service) {
        return URI.create("http://localhost:" + settings.port(service));
    }

    /** Where the service's actuator answers: metrics, health with details, the environment (names only). */
    public URI managementUrl(Service service) {
        return URI.create("http://localhost:" + settings.managementPort(service));
    }

    /** The process of a running service: what a fault is injected into. */
    public boolean isRunning(Service service) {
        ServiceProcess process = process(service);
        return process != null && process.process().isAlive();
    }

    /** {@code kill -9} a service: no graceful shutdown, no offset commit, whatever it was doing stops mid-way. */
    public void kill(Service service) {
        ServiceProcess process = process(service);
        if (process != null) {
            process.process().kill();
        }
    }

    /**
     * Starts a stopped or killed service again, with {@code extraEnvironment} on top of the stack's (e.g. a fault to
     * inject into this run only), appending to its log. Returns without waiting: see {@link #awaitHealthy}.
     */
    public void restart(Service service, Map<String, String> extraEnvironment) {
        if (isRunning(service)) {
            throw new IllegalStateException(service.moduleName() + " is running");
        }
        var environment = new java.util.LinkedHashMap<>(settings.serviceEnvironment());
        environment.putAll(extraEnvironment);
        var process = ServiceProcess.start(
                service,
                settings.withServiceEnvironment(environment),
                kafkaBootstrapServers,
                kafkaCredentials(service),
                databases.get(service),
                false);
        synchronized (services) {
            services.put(service, process);
        }
    }

    public void awaitHealthy(Service service, Duration timeout) {
        process(service).awaitHealthy(timeout);
    }

    /**
     * Starts one more instance of {@code service} beside the stack's own, on {@code port} (and {@code managementPort}
     * for its actuator), with its log and (when
     * {@code aotCache}) its ahead-of-time cache under {@code directory}; returns the time from launch to health UP, then
     * stops it gracefully, which is when a run without a cache yet records one. The instance joins the service's
     * consumer group and database like a second replica would.
     */
    public Duration timeStart(Service service, int port, int managementPort, boolean aotCache, Path directory) {
        var ports = new EnumMap<Service, Integer>(settings.servicePorts());
        ports.put(service, port);
        var managementPorts = new EnumMap<Service, Integer>(settings.managementPorts());
        managementPorts.put(service, managementPort);
        var instance = settings.withDataDirectory(directory)
                .withPorts(
                        settings.kafkaPort(),
                        settings.kafkaControllerPort(),
                        settings.postgresPort(),
                        ports,
                        managementPorts)
                .withAotCaches(aotCache);
        requireFreePorts(Map.of(
                service.moduleName() + " (another instance)",
                port,
                service.moduleName() + " management (another instance)",
                managementPort));
        long started = System.nanoTime();
        var process = ServiceProcess.start(
                service, instance, kafkaBootstrapServers, kafkaCredentials(service), databases.get(service));
        try {
            process.awaitHealthy(settings.startupTimeout());
            return Duration.ofNanos(System.nanoTime() - started);
        } finally {
            process.close();
        }
    }

    /** The embedded PostgreSQL's postmaster, when this stack started one. */
    public Optional<Long> postgresPid() {
        return postgres == null ? Optional.empty() : postgres.pid();
    }

    private ServiceProcess process(Service service) {
        synchronized (services) {
            return services.get(service);
        }
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** Every process this stack started, with its pid, port and log: what {@code ./coffeeshop status} shows. */
    public List<Component> components() {
        var components = new ArrayList<Component>();
        if (kafka != null) {
            components.add(new Component(
                    "kafka",
                    kafka.process().pid(),
                    settings.kafkaPort(),
                    Optional.empty(),
                    Optional.empty(),
                    kafka.process().log()));
        }
        if (identityProvider != null) {
            components.add(new Component(
                    IdentityProviderProcess.NAME,
                    identityProvider.process().pid(),
                    settings.identity().port(),
                    Optional.of(identityProvider.baseUrl()),
                    // its actuator shares its one port: health at /actuator/health there
                    Optional.of(identityProvider.baseUrl()),
                    identityProvider.process().log()));
        }
        if (traceViewer != null) {
            components.add(new Component(
                    TraceViewerProcess.NAME,
                    traceViewer.process().pid(),
                    settings.traceViewerPort(),
                    Optional.of(traceViewer.baseUrl()),
                    Optional.empty(),
                    traceViewer.process().log()));
        }
        if (postgres != null) {
            components.add(new Component(
                    "postgres",
                    postgres.pid().orElse(-1L),
                    postgres.port(),
                    Optional.empty(),
                    Optional.empty(),
                    settings.log("postgres")));
        }
        synchronized (services) {
            services.forEach((service, process) -> components.add(new Component(
                    service.moduleName(),
                    process.process().pid(),
                    settings.port(service),
                    Optional.of(process.baseUrl()),
                    Optional.of(process.managementUrl()),
                    process.process().log())));
        }
        return components;
    }

    /**
     * A running part of the stack; services have a base URL (their API, with the probes at {@code /livez} and {@code
     * /readyz}) and a management URL (their actuator, with health at {@code /actuator/health}).
     */
    public record Component(
            String name, long pid, int port, Optional<URI> baseUrl, Optional<URI> managementUrl, Path log) {}

    /** Stops services (SIGTERM, graceful), then Kafka, then PostgreSQL. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        List<ServiceProcess> running;
        synchronized (services) {
            running = List.copyOf(services.values());
        }
        if (!running.isEmpty()) {
            progress.accept("Stopping "
                    + String.join(
                            ", ",
                            running.stream().map(s -> s.service().moduleName()).toList()));
            try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
                running.forEach(process -> parallel.submit(process::close));
            }
        }
        if (identityProvider != null) {
            identityProvider.close();
        }
        if (traceViewer != null) {
            traceViewer.close();
        }
        if (kafka != null) {
            progress.accept("Stopping Kafka");
            kafka.close();
        }
        if (postgres != null) {
            progress.accept("Stopping PostgreSQL");
            try {
                postgres.close();
            } catch (RuntimeException e) {
                progress.accept("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        StackFile.delete(settings.dataDirectory());
    }
}
