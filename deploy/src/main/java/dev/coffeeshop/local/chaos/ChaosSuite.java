package dev.coffeeshop.local.chaos;

import dev.coffeeshop.local.demo.Menu;
import dev.coffeeshop.local.demo.OrderMix;
import dev.coffeeshop.local.demo.PlannedOrder;
import dev.coffeeshop.local.stack.Directories;
import dev.coffeeshop.local.stack.KafkaCluster;
import dev.coffeeshop.local.stack.LocalStack;
import dev.coffeeshop.local.stack.Service;
import dev.coffeeshop.local.stack.StackSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.RecordMetadata;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault-injection suite ({@code ./coffeeshop chaos}): the whole system as separate processes on a three-node Kafka
 * cluster and the embedded PostgreSQL, a steady order load, one fault per scenario, and the invariants of the
 * reliability catalogue checked over what happened. It prints one line per scenario: requests, orders acknowledged,
 * reached a final state, lost, duplicated, unexpected, dead letters, and the time to converge after the fault healed.
 * Every scenario's history is kept under {@code .coffeeshop/chaos/runs/<scenario>/history.jsonl}.
 */
public final class ChaosSuite {

    static final long START = System.nanoTime();

    /** An acknowledged order must have its whole story this soon after the fault healed. */
    static final Duration CONVERGENCE_BUDGET = Duration.ofSeconds(30);

    /** How long the suite keeps looking after the budget, to tell an order that is late from one that is lost. */
    private static final Duration GRACE_AFTER_BUDGET = Duration.ofSeconds(60);

    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration LOAD_AFTER_HEAL = Duration.ofSeconds(3);

    private final Path root;
    private final PrintStream out;
    private final int rate;
    private final long seed;
    private final Path sagaFile;

    private ChaosSuite(Path root, PrintStream out, int rate, long seed, Path sagaFile) {
        this.root = root;
        this.out = out;
        this.rate = rate;
        this.seed = seed;
        this.sagaFile = sagaFile;
    }

    /** One scenario's outcome: the invariants' verdict, dead letters, convergence and the scenario's own checks. */
    record Result(
            Scenario scenario,
            Verdict verdict,
            int deadLetters,
            int expectedDeadLetters,
            List<String> deadLetterProblems,
            double convergedSeconds,
            long lagAtEnd,
            List<Fault.Check> checks,
            List<String> notes,
            Path history) {

        boolean passed() {
            return verdict.lost() == 0
                    && verdict.duplicated() == 0
                    && verdict.unexpected() == 0
                    && deadLetters == expectedDeadLetters
                    && deadLetterProblems.isEmpty()
                    && convergedSeconds <= CONVERGENCE_BUDGET.toSeconds()
                    && lagAtEnd == 0
                    && checks.stream().allMatch(Fault.Check::passed);
        }
    }

    /**
     * {@code [--ci] [--rate N] [--seed S] [--saga FILE] [scenario...]}: the CI subset, orders per second (default 10),
     * the seed of the order mix, the saga to judge timelines by instead of the one order-intake publishes (the JSON of
     * {@code GET /staff/saga}), and scenarios by name or fault id (default: all).
     */
    public static int run(Path root, List<String> arguments, PrintStream out) {
        var scenarios = new ArrayList<Scenario>();
        int rate = 10;
        long seed = 42;
        boolean ci = false;
        Path saga = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--ci" -> ci = true;
                case "--rate" -> rate = Integer.parseInt(arguments.get(++i));
                case "--seed" -> seed = Long.parseLong(arguments.get(++i));
                case "--saga" -> saga = Path.of(arguments.get(++i)).toAbsolutePath();
                default -> scenarios.add(Scenario.byId(argument));
            }
        }
        if (scenarios.isEmpty()) {
            for (Scenario scenario : Scenario.values()) {
                if (!ci || scenario.inCi()) {
                    scenarios.add(scenario);
                }
            }
        }
        return new ChaosSuite(root.toAbsolutePath().normalize(), out, rate, seed, saga).run(scenarios);
    }

    private int run(List<Scenario> scenarios) {
        Path data = root.resolve(".coffeeshop").resolve("chaos");
        for (String part : List.of("kafka", "postgres", "logs", "runs")) {
            Directories.deleteRecursively(data.resolve(part));
        }
        out.printf(
                "Fault-injection suite: %s at %d orders/s (seed %d)%n",
                String.join(", ", scenarios.stream().map(Scenario::id).toList()), rate, seed);
        // a saga given as a file is read before anything starts, so a mistake in it costs no cluster start
        SagaGraph givenSaga = sagaFile == null ? null : SagaGraph.of(sagaFile);
        out.println("Starting a 3-node Kafka cluster (replication 3, min.insync.replicas 2)...");
        var results = new ArrayList<Result>();
        try (var cluster = KafkaCluster.start(data.resolve("kafka"), 3)) {
            out.println("  kafka cluster         UP at " + cluster.bootstrapServers() + "  (logs "
                    + cluster.logDirectory() + ")");
            var settings = StackSettings.defaults(root)
                    .withDataDirectory(data)
                    .onFreePorts()
                    .withExternalKafka(cluster.bootstrapServers())
                    .withServiceEnvironment(Map.of(
                            "COFFEESHOP_BARISTA_PREPARATION_TIME",
                            "5ms",
                            // a payment clerk that dies between claiming captures, voids and refunds and recording
                            // them leaves them to the next round once the claim's lease runs out; the default minute
                            // would outlast the convergence budget after every crash that hits a round. The sandbox
                            // answers in milliseconds, and a round taken over early repeats each call with its
                            // idempotency key, which the provider performs once.
                            "COFFEESHOP_INTAKE_PAYMENT_LEASE",
                            "5s"))
                    // no ahead-of-time cache: a JVM that records one assembles it at exit, which would keep a
                    // halted service alive for a minute
                    .withAotCaches(false);
            Instant runStartedAt = Instant.now();
            try (var stack = LocalStack.start(settings, cluster.security(), line -> out.println(line));
                    var kafka = new KafkaProbe(
                            cluster.bootstrapServers(), cluster.security().toolsClientSettings());
                    var http = HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(2))
                            .build()) {
                var intake = staff(stack, Service.ORDER_INTAKE, http);
                var ledgers = new Ledgers(
                        intake,
                        staff(stack, Service.BARISTA_WORKER, http),
                        staff(stack, Service.NOTIFICATION_SERVICE, http),
                        runStartedAt);
                SagaGraph saga = givenSaga == null ? SagaGraph.of(intake) : givenSaga;
                out.printf(
                        "  saga                  %d steps between %d situations, from %s%n",
                        saga.steps().size(),
                        saga.steps().stream()
                                .flatMap(e -> Stream.of(e.from(), e.to()))
                                .distinct()
                                .count(),
                        sagaFile == null ? "order-intake's /staff/saga" : root.relativize(sagaFile));
                Supplier<PlannedOrder> mix = mix(stack.baseUrl(Service.ORDER_INTAKE));
                // the orders' client, as any client: a token from the identity provider, renewed before it expires
                var tools = stack.toolsTokens(http);
                for (Scenario scenario : scenarios) {
                    results.add(runScenario(scenario, cluster, stack, kafka, ledgers, saga, mix, tools::header, data));
                }
            }
        }
        report(results);
        return results.stream().allMatch(Result::passed) ? 0 : 1;
    }

    private Result runScenario(
            Scenario scenario,
            KafkaCluster cluster,
            LocalStack stack,
            KafkaProbe kafka,
            Ledgers ledgers,
            SagaGraph saga,
            Supplier<PlannedOrder> mix,
            Supplier<String> authorization,
            Path data) {
        out.printf("%n== %s (%s) ==%n", scenario.id(), scenario.fault());
        awaitQuiet(kafka);
        List<KafkaProbe.DeadLetter> lettersBefore = deadLetters(kafka);
        Instant since = Instant.now();
        try (var history =
                        new History(data.resolve("runs").resolve(scenario.id()).resolve("history.jsonl"));
                var load = new LoadDriver(stack.baseUrl(Service.ORDER_INTAKE), authorization, mix, history)) {
            var fault = new Fault(cluster, stack, kafka, history, out);
            load.start(rate);
            fault.say("load: " + rate + " orders/s");
            Fault.hold(WARM_UP);
            scenario.run(fault);
            Fault.hold(LOAD_AFTER_HEAL);
            load.stop();
            fault.say("load stopped; waiting for every answer");
            load.awaitAnswers(LoadDriver.GIVE_UP_AFTER.plusSeconds(15));
            List<LoadDriver.Request> requests = load.requests();

            Instant budgetEnds = fault.healedAt.plus(CONVERGENCE_BUDGET);
            Instant giveUp = budgetEnds.plus(GRACE_AFTER_BUDGET);
            Verdict verdict = null;
            Ledgers.Snapshot snapshot = null;
            long lag = -1;
            double converged = Double.POSITIVE_INFINITY;
            String unreadable = null;
            while (true) {
                try {
                    snapshot = ledgers.read(since);
                    verdict = Verdict.judge(requests, snapshot, saga);
                    lag = kafka.totalLag();
                    if (verdict.complete() && lag == 0) {
                        converged = Math.max(
                                0,
                                Duration.between(fault.healedAt, Instant.now()).toMillis() / 1000.0);
                        break;
                    }
                } catch (StaffClient.StaffUnavailable e) {
                    // a service still starting or busy: ask again, as for an incomplete story
                    if (!e.getMessage().equals(unreadable)) {
                        fault.say("ledgers not readable yet: " + e.getMessage());
                    }
                    unreadable = e.getMessage();
                }
                if (Instant.now().isAfter(giveUp)) {
                    break;
                }
                Fault.hold(Duration.ofMillis(500));
            }
            if (verdict == null) {
                throw new IllegalStateException("the services' ledgers could not be read until " + giveUp);
            }
            fault.say("converged "
                    + (Double.isInfinite(converged) ? "never" : "%.1f s after healing".formatted(converged)));
            scenario.verify(fault, requests, verdict, snapshot);

            List<KafkaProbe.DeadLetter> newLetters = new ArrayList<>(deadLetters(kafka));
            lettersBefore.forEach(newLetters::remove);
            var letterProblems = new ArrayList<String>();
            int expectedLetters = checkDeadLetters(fault.poison, newLetters, letterProblems);
            newLetters.forEach(letter -> history.record(
                    "dead-letter",
                    Map.of(
                            "topic", letter.topic(),
                            "originalTopic", String.valueOf(letter.originalTopic()),
                            "originalPartition", letter.originalPartition(),
                            "originalOffset", letter.originalOffset(),
                            "reason", String.valueOf(letter.reason()))));
            recordEffects(history, readOnceMore(ledgers, since, snapshot));
            var result = new Result(
                    scenario,
                    verdict,
                    newLetters.size(),
                    expectedLetters,
                    letterProblems,
                    converged,
                    lag,
                    List.copyOf(fault.checks),
                    List.copyOf(fault.notes),
                    history.file());
            fault.say((result.passed() ? "PASS" : "FAIL") + "  " + summary(result));
            return result;
        }
    }

    /**
     * Each poison record must be in the dead-letter topic of each group that consumes its topic exactly once, naming
     * where it came from and why; no other record may be dead-lettered. Returns how many dead letters were due.
     */
    static int checkDeadLetters(
            List<RecordMetadata> poison, List<KafkaProbe.DeadLetter> letters, List<String> problems) {
        for (RecordMetadata record : poison) {
            for (String group : Scenario.ORDER_CONSUMERS) {
                String dlq = record.topic() + "." + group + ".dlq";
                long copies = letters.stream()
                        .filter(l -> l.topic().equals(dlq)
                                && record.topic().equals(l.originalTopic())
                                && l.originalPartition() == record.partition()
                                && l.originalOffset() == record.offset())
                        .count();
                if (copies != 1) {
                    problems.add(record.topic() + "-" + record.partition() + "@" + record.offset() + " is in " + dlq
                            + " " + copies + " times");
                }
                letters.stream()
                        .filter(l -> l.topic().equals(dlq) && l.originalOffset() == record.offset())
                        .filter(l -> l.reason() == null || l.reason().isBlank())
                        .forEach(l -> problems.add(dlq + " holds a record without a reason"));
            }
        }
        return poison.size() * Scenario.ORDER_CONSUMERS.size();
    }

    /** The ledgers as they are now, for the history; the last ones judged if a service cannot be read right now. */
    private Ledgers.Snapshot readOnceMore(Ledgers ledgers, Instant since, Ledgers.Snapshot judged) {
        try {
            return ledgers.read(since);
        } catch (StaffClient.StaffUnavailable e) {
            out.println("    the history records the ledgers as judged: " + e.getMessage());
            return judged;
        }
    }

    private static StaffClient staff(LocalStack stack, Service service, HttpClient http) {
        return new StaffClient(service.moduleName(), stack.baseUrl(service), stack.operatorTokens(http)::header, http);
    }

    private static void recordEffects(History history, Ledgers.Snapshot snapshot) {
        snapshot.orders().values().stream()
                .sorted(Comparator.comparing(o -> o.id().toString()))
                .forEach(order -> {
                    var fields = new LinkedHashMap<String, Object>();
                    fields.put("orderId", order.id());
                    fields.put("status", order.status());
                    fields.put("timeline", String.join(" -> ", order.timeline()));
                    fields.put("drinksHandedOver", snapshot.handovers(order.id()));
                    fields.put("paymentsCaptured", snapshot.captures(order.id()));
                    fields.put("moneyGivenBack", snapshot.moneyBack(order.id()));
                    fields.put("notificationsDelivered", snapshot.deliveries().getOrDefault(order.id(), Map.of()));
                    history.record("effects", fields);
                });
        snapshot.phantoms().forEach(p -> history.record("phantom", Map.of("effect", p)));
    }

    /** Before a scenario: the previous one's work fully consumed, so each scenario starts from quiet. */
    private void awaitQuiet(KafkaProbe kafka) {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (kafka.totalLag() != 0 && System.nanoTime() < end) {
            Fault.hold(Duration.ofMillis(500));
        }
    }

    private static List<KafkaProbe.DeadLetter> deadLetters(KafkaProbe kafka) {
        try {
            return kafka.deadLetters();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the dead-letter topics", e);
        }
    }

    /** Orders like the demo's (ordinary, sold out and so refunded, declined card), drawn from a seeded mix. */
    private Supplier<PlannedOrder> mix(URI api) {
        Menu menu;
        try (var http = HttpClient.newHttpClient()) {
            String body = http.send(
                            HttpRequest.newBuilder(api.resolve("/menu")).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            menu = Menu.from(JsonMapper.builder().build().readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the menu", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        var orderMix = new OrderMix(menu, new Random(seed));
        var planned = new ArrayDeque<PlannedOrder>();
        return () -> {
            synchronized (planned) {
                if (planned.isEmpty()) {
                    planned.addAll(orderMix.plan(20));
                }
                return planned.poll();
            }
        };
    }

    private void report(List<Result> results) {
        out.println();
        out.printf(
                "%-17s %-8s %8s %6s %6s %5s %4s %6s %6s %10s  %s%n",
                "scenario",
                "fault",
                "requests",
                "acked",
                "final",
                "lost",
                "dup",
                "unexp",
                "dlq",
                "converged",
                "result");
        for (Result r : results) {
            Verdict v = r.verdict();
            out.printf(
                    "%-17s %-8s %8d %6d %6d %5d %4d %6d %6s %10s  %s%n",
                    r.scenario().id(),
                    r.scenario().fault(),
                    v.requests(),
                    v.acknowledged(),
                    v.terminal(),
                    v.lost(),
                    v.duplicated(),
                    v.unexpected(),
                    r.deadLetters() + "/" + r.expectedDeadLetters(),
                    Double.isInfinite(r.convergedSeconds()) ? "never" : "%.1f s".formatted(r.convergedSeconds()),
                    r.passed() ? "PASS" : "FAIL");
        }
        for (Result r : results) {
            out.println();
            out.println(r.scenario().id() + ": history in " + root.relativize(r.history()));
            r.notes().forEach(n -> out.println("  " + n));
            r.checks().forEach(c -> out.println("  " + (c.passed() ? "ok   " : "FAIL ") + c.description()));
            if (r.lagAtEnd() != 0) {
                out.println("  FAIL consumer lag at the end: " + r.lagAtEnd());
            }
            r.deadLetterProblems().forEach(p -> out.println("  FAIL " + p));
            r.verdict().problems().forEach(p -> out.println("  FAIL " + p));
        }
        long passed = results.stream().filter(Result::passed).count();
        out.printf(
                "%n%d of %d scenarios passed in %.0f s%n", passed, results.size(), (System.nanoTime() - START) / 1e9);
    }

    private static String summary(Result r) {
        Verdict v = r.verdict();
        return "acked %d, final %d, lost %d, duplicated %d, unexpected %d, dead letters %d/%d"
                .formatted(
                        v.acknowledged(),
                        v.terminal(),
                        v.lost(),
                        v.duplicated(),
                        v.unexpected(),
                        r.deadLetters(),
                        r.expectedDeadLetters());
    }
}
