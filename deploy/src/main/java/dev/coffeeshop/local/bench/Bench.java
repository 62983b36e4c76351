package dev.coffeeshop.local.bench;

import dev.coffeeshop.local.chaos.StaffClient;
import dev.coffeeshop.local.stack.Directories;
import dev.coffeeshop.local.stack.LocalStack;
import dev.coffeeshop.local.stack.Service;
import dev.coffeeshop.local.stack.StackSettings;
import dev.coffeeshop.local.stack.StackStartupException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * {@code ./coffeeshop bench [--quick]}: one stack of its own (data in {@code .coffeeshop/bench}, ports apart from the
 * local stack's), the services run with production JVM flags and instant drinks, and in one run: the ceilings of its
 * HTTP server, PostgreSQL and Kafka; the cashier's POST throughput; the highest order rate the whole system sustains;
 * placed-to-ready latency at half that rate; the outbox's drain against its fill; resident memory under load; and a
 * service's cold start with and without the ahead-of-time cache. It prints a table of figures against the performance
 * goals and writes them as JSON with two charts.
 */
public final class Bench {

    /** Service JVM flags to use instead of {@link StackSettings#PRODUCTION_SERVICE_JVM_OPTIONS}, space-separated. */
    public static final String JVM_OPTIONS = "COFFEESHOP_BENCH_JVM_OPTIONS";

    /** The Kafka node's JVM flags instead of {@link StackSettings#PRODUCTION_KAFKA_JVM_OPTIONS}, space-separated. */
    public static final String KAFKA_JVM_OPTIONS = "COFFEESHOP_BENCH_KAFKA_JVM_OPTIONS";

    static final int KAFKA_PORT = 19092;
    static final int KAFKA_CONTROLLER_PORT = 19093;
    static final int POSTGRES_PORT = 25432;
    static final int INTAKE_PORT = 18080;
    static final int BARISTA_PORT = 18081;
    static final int NOTIFICATION_PORT = 18082;
    static final int INTAKE_MANAGEMENT_PORT = 19080;
    static final int BARISTA_MANAGEMENT_PORT = 19081;
    static final int NOTIFICATION_MANAGEMENT_PORT = 19082;
    static final String GC_PAUSE = "jvm_gc_pause_seconds_sum";
    static final String ACQUIRE_SUM = "hikaricp_connections_acquire_seconds_sum";
    static final String ACQUIRE_COUNT = "hikaricp_connections_acquire_seconds_count";

    /** The relay's counter of events the broker acknowledged. */
    static final String PUBLISHED = "coffeeshop_outbox_published_total";

    /** Where the extra instance timed for cold starts listens. */
    static final int COLD_START_PORT = 18083;

    static final int COLD_START_MANAGEMENT_PORT = 19083;

    /** How long each part runs: the full run takes about ten minutes, the quick one three or four. */
    record Plan(
            Duration jit,
            Duration warmUp,
            Duration postWarmUp,
            Duration ceiling,
            Duration post,
            Duration burst,
            int firstRate,
            double rateFactor,
            Duration stepLength,
            int maxSteps,
            Duration halfMaxLength,
            int stepSample,
            int halfMaxSample) {

        static final Plan FULL = new Plan(
                Duration.ofSeconds(20),
                Duration.ofSeconds(3),
                Duration.ofSeconds(8),
                Duration.ofSeconds(10),
                Duration.ofSeconds(12),
                Duration.ofSeconds(5),
                100,
                1.25,
                Duration.ofSeconds(12),
                14,
                Duration.ofSeconds(20),
                400,
                2000);
        static final Plan QUICK = new Plan(
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                Duration.ofSeconds(4),
                Duration.ofSeconds(5),
                Duration.ofSeconds(6),
                Duration.ofSeconds(3),
                100,
                1.5,
                Duration.ofSeconds(6),
                8,
                Duration.ofSeconds(10),
                200,
                1000);
    }

    private final Path root;
    private final PrintStream out;
    private final Plan plan;
    private final boolean quick;
    private final long origin = System.nanoTime();

    private Bench(Path root, PrintStream out, boolean quick) {
        this.root = root;
        this.out = out;
        this.quick = quick;
        this.plan = quick ? Plan.QUICK : Plan.FULL;
    }

    /** {@code [--quick]}. */
    public static int run(Path root, List<String> arguments, PrintStream out) {
        boolean quick = false;
        for (String argument : arguments) {
            switch (argument) {
                case "--quick" -> quick = true;
                default -> {
                    out.println("usage: ./coffeeshop bench [--quick]");
                    return 2;
                }
            }
        }
        return new Bench(root.toAbsolutePath().normalize(), out, quick).run(System.getenv());
    }

    static List<String> jvmOptions(Map<String, String> environment) {
        return options(environment, JVM_OPTIONS, StackSettings.PRODUCTION_SERVICE_JVM_OPTIONS);
    }

    static List<String> kafkaJvmOptions(Map<String, String> environment) {
        return options(environment, KAFKA_JVM_OPTIONS, StackSettings.PRODUCTION_KAFKA_JVM_OPTIONS);
    }

    private static List<String> options(Map<String, String> environment, String variable, List<String> otherwise) {
        String given = environment.get(variable);
        return given == null || given.isBlank()
                ? otherwise
                : Arrays.asList(given.strip().split("\\s+"));
    }

    /**
     * What the services get besides their defaults: drinks made at once (the bench measures the system, not a
     * barista's pause), and whatever {@code COFFEESHOP_*} setting the user gave, to measure a lever with.
     */
    static Map<String, String> serviceEnvironment(Map<String, String> environment) {
        var services = new LinkedHashMap<String, String>();
        services.put("COFFEESHOP_BARISTA_PREPARATION_TIME", "0");
        environment.forEach((name, value) -> {
            if (name.startsWith("COFFEESHOP_")
                    && !name.startsWith("COFFEESHOP_LAUNCHER_")
                    && !name.startsWith("COFFEESHOP_BENCH_")
                    && !name.startsWith("COFFEESHOP_IDENTITY_")) {
                services.put(name, value);
            }
        });
        return services;
    }

    private int run(Map<String, String> environment) {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path data = root.resolve(".coffeeshop").resolve("bench");
        List<Integer> busy = busy(List.of(
                KAFKA_PORT,
                KAFKA_CONTROLLER_PORT,
                POSTGRES_PORT,
                INTAKE_PORT,
                BARISTA_PORT,
                NOTIFICATION_PORT,
                INTAKE_MANAGEMENT_PORT,
                BARISTA_MANAGEMENT_PORT,
                NOTIFICATION_MANAGEMENT_PORT));
        if (!busy.isEmpty()) {
            // before anything is deleted: the data folder may be a running bench's
            out.println("Port(s) " + busy + " are in use: is another ./coffeeshop bench running? The bench needs "
                    + KAFKA_PORT + ", " + KAFKA_CONTROLLER_PORT + ", " + POSTGRES_PORT + ", " + INTAKE_PORT + "-"
                    + COLD_START_PORT + " and " + INTAKE_MANAGEMENT_PORT + "-" + COLD_START_MANAGEMENT_PORT + ".");
            return 1;
        }
        for (String part : List.of("kafka", "postgres", "logs")) {
            Directories.deleteRecursively(data.resolve(part));
        }
        List<String> jvm = jvmOptions(environment);
        List<String> kafkaJvm = kafkaJvmOptions(environment);
        Map<String, String> serviceEnvironment = serviceEnvironment(environment);
        var machine = Machine.current();
        out.printf("coffeeshop bench (%s) %s%n", quick ? "quick" : "full", startedAt);
        out.println("  machine       " + machine.describe());
        out.println("  service JVMs  " + String.join(" ", jvm)
                + (environment.containsKey(JVM_OPTIONS) ? "  (from " + JVM_OPTIONS + ")" : "  (production flags)"));
        out.println("  Kafka JVM     " + String.join(" ", kafkaJvm)
                + (environment.containsKey(KAFKA_JVM_OPTIONS)
                        ? "  (from " + KAFKA_JVM_OPTIONS + ")"
                        : "  (production flags)"));
        out.println("  services get  " + serviceEnvironment);
        out.println("  note          " + BenchReport.GENERATOR_NOTE);
        var ports = new EnumMap<Service, Integer>(Service.class);
        ports.put(Service.ORDER_INTAKE, INTAKE_PORT);
        ports.put(Service.BARISTA_WORKER, BARISTA_PORT);
        ports.put(Service.NOTIFICATION_SERVICE, NOTIFICATION_PORT);
        var managementPorts = new EnumMap<Service, Integer>(Service.class);
        managementPorts.put(Service.ORDER_INTAKE, INTAKE_MANAGEMENT_PORT);
        managementPorts.put(Service.BARISTA_WORKER, BARISTA_MANAGEMENT_PORT);
        managementPorts.put(Service.NOTIFICATION_SERVICE, NOTIFICATION_MANAGEMENT_PORT);
        var settings = StackSettings.defaults(root)
                .withDataDirectory(data)
                .withPorts(KAFKA_PORT, KAFKA_CONTROLLER_PORT, POSTGRES_PORT, ports, managementPorts)
                .withServiceEnvironment(serviceEnvironment)
                .withServiceJvmOptions(jvm)
                .withKafkaJvmOptions(kafkaJvm)
                // the cold-start figure brings its own cache; the stack itself starts plain and stops quickly
                .withAotCaches(false);
        out.printf(
                "Starting the bench's own stack (Kafka %d, PostgreSQL %d, services %d-%d; data in %s)...%n",
                KAFKA_PORT, POSTGRES_PORT, INTAKE_PORT, NOTIFICATION_PORT, root.relativize(data));
        var measured = new Measured();
        boolean failed = false;
        var stack = LocalStack.prepare(settings, out::println);
        // Ctrl-C stops the stack too: its processes run in sessions of their own and would outlive the bench
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        try {
            stack.bringUp();
        } catch (StackStartupException e) {
            out.println("The bench's stack did not come up: " + e.getMessage());
            return 1;
        }
        try (stack;
                var http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(2))
                        .executor(Executors.newVirtualThreadPerTaskExecutor())
                        .build()) {
            measure(stack, http, measured, data);
        } catch (Exception e) {
            // what was measured before the failure is still worth the table and the files
            out.println("The bench failed: " + e);
            e.printStackTrace(out);
            failed = true;
        }
        Figures figures = measured.figures();
        var report = new BenchReport(
                startedAt,
                quick,
                machine,
                jvm,
                kafkaJvm,
                serviceEnvironment,
                figures,
                measured.steps,
                Step.Rule.DEFAULT,
                measured.seconds,
                measured.details);
        out.println();
        out.print(Scorecard.table(Scorecard.rows(figures)));
        try {
            Path written = report.write(data.resolve("results"));
            out.println();
            out.println("Results: " + root.relativize(written) + "/{bench.json,throughput.svg,latency.svg}  (also "
                    + root.relativize(data.resolve("results").resolve("latest")) + ")");
        } catch (IOException e) {
            out.println("Could not write the results: " + e.getMessage());
            return 1;
        }
        out.printf("The bench took %.0f s.%n", (System.nanoTime() - origin) / 1e9);
        return failed ? 1 : 0;
    }

    /** Everything measured so far; a figure not reached stays NaN, so a failure late in the run keeps the rest. */
    private static final class Measured {
        double http = Double.NaN;
        double database = Double.NaN;
        double kafka = Double.NaN;
        double kafkaP50 = Double.NaN;
        double kafkaP99 = Double.NaN;
        double post = Double.NaN;
        double postP50 = Double.NaN;
        double postP99 = Double.NaN;
        double maxSustainable = Double.NaN;
        double halfRate = Double.NaN;
        double readyP50 = Double.NaN;
        double readyP99 = Double.NaN;
        double readyP999 = Double.NaN;
        double outboxFill = Double.NaN;
        double outboxDrain = Double.NaN;
        double coldPlain = Double.NaN;
        double coldAot = Double.NaN;
        Map<String, Double> memory = Map.of();
        final List<Step> steps = new ArrayList<>();
        final List<OpenLoad.Second> seconds = new ArrayList<>();
        final Map<String, Object> details = new LinkedHashMap<>();

        Figures figures() {
            return new Figures(
                    http,
                    database,
                    kafka,
                    kafkaP50,
                    kafkaP99,
                    post,
                    postP50,
                    postP99,
                    maxSustainable,
                    halfRate,
                    readyP50,
                    readyP99,
                    readyP999,
                    outboxFill,
                    outboxDrain,
                    coldPlain,
                    coldAot,
                    memory);
        }
    }

    private void measure(LocalStack stack, HttpClient http, Measured m, Path data) throws Exception {
        var operator = stack.operatorTokens(http);
        var intake = Intake.of(
                http,
                stack.baseUrl(Service.ORDER_INTAKE),
                stack.managementUrl(Service.ORDER_INTAKE),
                stack.toolsTokens(http));
        var pids = new LinkedHashMap<String, Long>();
        stack.components().forEach(c -> pids.put(c.name(), c.pid()));
        var staff = new StaffClient(
                Service.ORDER_INTAKE.moduleName(), stack.baseUrl(Service.ORDER_INTAKE), operator::header, http);
        try (var memory = new ResidentMemory(pids)) {
            // a freshly started JVM interprets, then compiles what runs hot: measured cold, the server's ceiling and
            // the cashier would both look several times slower than they are
            phase("warming the services up: orders and liveness requests, not counted, then until every order is done");
            Instant warmUpFrom = Instant.now();
            ClosedLoop.run(http, 8, Duration.ZERO, plan.jit(), intake::placeOrder, 202);
            ClosedLoop.run(http, 8, Duration.ZERO, plan.jit().dividedBy(4), intake::liveness, 200);
            awaitQuiet(staff, warmUpFrom);

            phase("ceiling: HTTP, closed loop on GET /livez, 32 connections");
            var liveness = ClosedLoop.run(http, 32, plan.warmUp(), plan.ceiling(), intake::liveness, 200);
            m.http = liveness.perSecond();
            result("%.0f req/s (%d errors)", m.http, liveness.errors());

            phase("ceiling: PostgreSQL, one-row autocommit INSERTs, 16 connections");
            m.database = Ceilings.databaseInserts(
                    stack.settings().postgresPort(), 16, Duration.ofSeconds(2), plan.ceiling());
            result("%.0f tx/s", m.database);

            phase("ceiling: Kafka, acks=all producer, 500-byte records");
            String kafka = stack.kafkaBootstrapServers();
            var asTools = stack.kafkaToolsSettings();
            var produceTopic = Ceilings.scratchTopic(kafka, asTools, "bench.scratch.produce");
            m.kafka = Ceilings.kafkaProduce(kafka, asTools, produceTopic.name(), Duration.ofSeconds(2), plan.ceiling());
            result(
                    "%.0f records/s (topic of %d partitions, replication %d, as %s)",
                    m.kafka,
                    produceTopic.partitions().size(),
                    produceTopic.partitions().get(0).replicas().size(),
                    Ceilings.MODEL_TOPIC);

            phase("Kafka round trip: produce (acks=all) and consume at 200 records/s");
            var roundTripTopic = Ceilings.scratchTopic(kafka, asTools, "bench.scratch.round-trip");
            var trips = Latency.of(Ceilings.kafkaRoundTrips(kafka, asTools, roundTripTopic, 200, plan.ceiling()));
            m.kafkaP50 = Latency.millis(trips.p50());
            m.kafkaP99 = Latency.millis(trips.p99());
            result("p50 %.2f ms, p99 %.2f ms (%d records)", m.kafkaP50, m.kafkaP99, trips.count());

            var tracker = new ReadyTracker(staff);

            phase("the system: POST /orders, closed loop, 32 connections, a new Idempotency-Key each");
            Instant postsFrom = Instant.now();
            String scrapeBefore = intake.scrape();
            long loopFrom = System.nanoTime();
            var posts = ClosedLoop.run(http, 32, plan.postWarmUp(), plan.post(), intake::placeOrder, 202);
            double loopSeconds = (System.nanoTime() - loopFrom) / 1e9;
            String scrapeAfter = intake.scrape();
            m.post = posts.perSecond();
            if (!posts.latencies().isEmpty()) {
                var postLatency = Latency.of(posts.latencies());
                m.postP50 = Latency.millis(postLatency.p50());
                m.postP99 = Latency.millis(postLatency.p99());
            }
            result("%.0f POST/s, p50 %.1f ms, p99 %.1f ms (%d errors)", m.post, m.postP50, m.postP99, posts.errors());
            // where the time of a POST goes, as the intake itself counts it: collecting garbage, waiting for a
            // connection
            double gcPaused = Intake.meter(scrapeAfter, GC_PAUSE) - Intake.meter(scrapeBefore, GC_PAUSE);
            double acquireWait = Intake.meter(scrapeAfter, ACQUIRE_SUM) - Intake.meter(scrapeBefore, ACQUIRE_SUM);
            double acquisitions = Intake.meter(scrapeAfter, ACQUIRE_COUNT) - Intake.meter(scrapeBefore, ACQUIRE_COUNT);
            m.details.put(
                    "postLoopIntake",
                    Map.of(
                            "seconds", loopSeconds,
                            "gcPausedSeconds", gcPaused,
                            "connectionAcquisitions", acquisitions,
                            "connectionWaitSeconds", acquireWait));
            result(
                    "the intake meanwhile (warm-up included): GC paused %.1f%% of the time; %.0f database connections"
                            + " taken, waited for %.2f ms on average",
                    100 * gcPaused / loopSeconds, acquisitions, 1000 * acquireWait / acquisitions);
            awaitQuiet(staff, postsFrom);

            phase("the system: outbox fill (relay held back, POSTs as fast as taken) against drain (relay let go)");
            Instant burstFrom = Instant.now();
            double publishedBefore = intake.meter(PUBLISHED);
            var burst = OutboxBurst.measure(
                    stack.settings().postgresPort(), Service.ORDER_INTAKE.database(), http, intake, plan.burst());
            m.outboxFill = burst.fillPerSecond();
            m.outboxDrain = burst.drainPerSecond();
            m.details.put("outboxBurst", BenchReport.plain(burst));
            // the relay's own count of what the broker acknowledged, as a check on the rows counted in the table
            double publishedByMeter = intake.meter(PUBLISHED) - publishedBefore;
            m.details.put("outboxBurstPublishedByMeter", publishedByMeter);
            result(
                    "%d rows: written %.0f/s, published %.0f/s (drained in %.2f s; %s rose by %.0f)",
                    burst.rows(),
                    burst.fillPerSecond(),
                    burst.drainPerSecond(),
                    burst.drainTime().toMillis() / 1000.0,
                    PUBLISHED,
                    publishedByMeter);
            awaitQuiet(staff, burstFrom);

            var processes = new LinkedHashMap<>(pids);
            processes.put("load generator (this JVM)", ProcessHandle.current().pid());
            var cpuBefore = CpuTime.seconds(processes, Set.of("postgres"));
            double machineBefore = CpuTime.machineBusySeconds();
            long cpuFrom = System.nanoTime();
            phase("the system: staircase of arrival rates (open model), %d s a step, until one is not sustained"
                    .formatted(plan.stepLength().toSeconds()));
            var load = new OpenLoad(http, intake, tracker, origin);
            var rule = Step.Rule.DEFAULT;
            var stepErrors = new LinkedHashMap<String, Map<String, Long>>();
            double rate = firstRate(m.post, plan.firstRate());
            result("first step %d/s: half the closed-loop POST rate, at most %d/s", (int) rate, plan.firstRate());
            for (int n = 1; n <= plan.maxSteps(); n++) {
                var step = load.step(
                        n, (int) Math.round(rate), plan.stepLength(), Duration.ofSeconds(15), plan.stepSample());
                m.steps.add(step);
                List<String> violations = rule.violations(step);
                result(
                        "%4d/s: offered %.0f/s, %d placed, %d ready, %d errors, drained %s, placed->ready %s  %s",
                        step.targetRate(),
                        step.offeredRate(),
                        step.placed(),
                        step.ready(),
                        step.errors(),
                        step.drain()
                                .map(d -> "in %.1f s".formatted(d.toMillis() / 1000.0))
                                .orElse("NOT"),
                        step.placedToReady()
                                .map(l -> "p50 %.0f ms p99 %.0f ms"
                                        .formatted(Latency.millis(l.p50()), Latency.millis(l.p99())))
                                .orElse("n/a"),
                        violations.isEmpty() ? "sustained" : "NOT sustained: " + String.join("; ", violations));
                if (step.errors() > 0) {
                    result("      errors: %s", load.errorKinds());
                    stepErrors.put(Integer.toString(step.targetRate()), load.errorKinds());
                }
                if (!violations.isEmpty()) {
                    break;
                }
                m.maxSustainable = step.targetRate();
                rate *= plan.rateFactor();
            }
            m.seconds.addAll(load.seconds());
            var cpuAfter = CpuTime.seconds(processes, Set.of("postgres"));
            double wall = (System.nanoTime() - cpuFrom) / 1e9;
            var cores = new LinkedHashMap<String, Double>();
            cpuAfter.forEach((name, seconds) -> cores.put(name, (seconds - cpuBefore.getOrDefault(name, 0.0)) / wall));
            double ours =
                    cores.values().stream().mapToDouble(Double::doubleValue).sum();
            // what else ran on the machine meanwhile: on a shared machine, the figures are only as good as this is
            // small
            cores.put("everything else", (CpuTime.machineBusySeconds() - machineBefore) / wall - ours);
            m.details.put("staircaseCoresUsed", cores);
            result(
                    "cores used on average during the staircase (of %d): %s",
                    Runtime.getRuntime().availableProcessors(),
                    String.join(
                            ", ",
                            cores.entrySet().stream()
                                    .map(e -> "%s %.2f".formatted(e.getKey(), e.getValue()))
                                    .toList()));
            m.details.put("staircaseErrorsByRate", stepErrors);
            awaitQuiet(staff, postsFrom);
            while (tracker.pending() > 0) {
                // orders of a step that was not sustained, all READY by now: out of the way of the next count
                tracker.poll();
            }

            if (!Double.isNaN(m.maxSustainable)) {
                int half = (int) Math.max(1, Math.round(m.maxSustainable / 2));
                m.halfRate = half;
                phase("the system: placed->ready at half the maximum sustainable rate, %d orders/s for %d s"
                        .formatted(half, plan.halfMaxLength().toSeconds()));
                var halfLoad = new OpenLoad(http, intake, tracker, origin);
                var step =
                        halfLoad.step(1000, half, plan.halfMaxLength(), Duration.ofSeconds(15), plan.halfMaxSample());
                step.placedToReady().ifPresent(l -> {
                    m.readyP50 = Latency.millis(l.p50());
                    m.readyP99 = Latency.millis(l.p99());
                    m.readyP999 = Latency.millis(l.p999());
                });
                m.details.put("halfMax", BenchReport.stepMap(step, Step.Rule.DEFAULT));
                result(
                        "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms (%d samples, %d errors)",
                        m.readyP50,
                        m.readyP99,
                        m.readyP999,
                        step.placedToReady().map(Latency::count).orElse(0),
                        step.errors());
            }
            m.memory = services(memory.maxMegabytes());
            m.details.put("residentMemoryMegabytesAll", memory.maxMegabytes());
            result("max resident memory: %s", memory.maxMegabytes());
        }

        phase("cold start of another barista-worker: plain, then with the JDK's ahead-of-time cache");
        Path coldStart =
                data.resolve("cold-start").resolve(fingerprint(stack.settings().serviceJvmOptions()));
        // the better of two starts each: one start on a shared two-core machine is at the mercy of whatever else runs
        Duration plain = fastest(
                2,
                () -> stack.timeStart(
                        Service.BARISTA_WORKER, COLD_START_PORT, COLD_START_MANAGEMENT_PORT, false, coldStart));
        m.coldPlain = plain.toMillis();
        result("plain: %.1f s to health UP (best of 2)", plain.toMillis() / 1000.0);
        if (!Files.exists(coldStart
                .resolve("aot")
                .resolve(Service.BARISTA_WORKER.moduleName())
                .resolve("app.aot"))) {
            Duration training = stack.timeStart(
                    Service.BARISTA_WORKER, COLD_START_PORT, COLD_START_MANAGEMENT_PORT, true, coldStart);
            m.details.put("aotTrainingRunMs", training.toMillis());
            result("training run (records the cache at exit, same flags): %.1f s", training.toMillis() / 1000.0);
        }
        Duration aot = fastest(
                2,
                () -> stack.timeStart(
                        Service.BARISTA_WORKER, COLD_START_PORT, COLD_START_MANAGEMENT_PORT, true, coldStart));
        m.coldAot = aot.toMillis();
        result("with the cache: %.1f s to health UP (best of 2)", aot.toMillis() / 1000.0);
    }

    /**
     * Where the staircase starts: half of what the cashier took in the closed loop, rounded down to a multiple of ten,
     * between 10 and {@code atMost}; a machine that takes few orders should not fail its very first step.
     */
    static int firstRate(double postsPerSecond, int atMost) {
        if (Double.isNaN(postsPerSecond)) {
            return atMost;
        }
        return (int) Math.clamp(Math.floor(postsPerSecond / 2 / 10) * 10, 10, atMost);
    }

    private static List<Integer> busy(List<Integer> ports) {
        var busy = new ArrayList<Integer>();
        for (int port : ports) {
            try (var socket = new java.net.ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(port));
            } catch (IOException e) {
                busy.add(port);
            }
        }
        return busy;
    }

    private static Duration fastest(int tries, java.util.function.Supplier<Duration> start) {
        Duration best = start.get();
        for (int i = 1; i < tries; i++) {
            Duration next = start.get();
            best = next.compareTo(best) < 0 ? next : best;
        }
        return best;
    }

    /** The services' own entries: the table's memory goal is theirs, Kafka and PostgreSQL are listed in the JSON. */
    private static Map<String, Double> services(Map<String, Double> all) {
        var services = new LinkedHashMap<String, Double>();
        for (Service service : Service.values()) {
            if (all.containsKey(service.moduleName())) {
                services.put(service.moduleName(), all.get(service.moduleName()));
            }
        }
        return services;
    }

    /** Waits until every order placed since {@code since} has ended, so one measurement's tail does not load the next. */
    private void awaitQuiet(StaffClient staff, Instant since) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            long open = staff.ledger("/staff/orders/placed", since).stream()
                    .filter(o -> {
                        String status = o.path("status").asString();
                        return status.equals("PLACED") || status.equals("CANCEL_REQUESTED");
                    })
                    .count();
            if (open == 0) {
                return;
            }
            try {
                // the pipeline runs in other processes: its ledger is read again twice a second
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        out.println("    (orders were still open after 120 s; going on)");
    }

    private void phase(String what) {
        out.printf("%n[%5.0f s] %s%n", (System.nanoTime() - origin) / 1e9, what);
    }

    private void result(String format, Object... arguments) {
        out.println("    " + format.formatted(arguments));
    }

    /** A folder name for a set of JVM flags: a cache trained with other flags would be ignored or half used. */
    static String fingerprint(List<String> options) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(" ", options).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
