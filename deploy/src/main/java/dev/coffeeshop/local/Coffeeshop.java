package dev.coffeeshop.local;

import dev.coffeeshop.local.attack.AttackSuite;
import dev.coffeeshop.local.bench.Bench;
import dev.coffeeshop.local.chaos.ChaosSuite;
import dev.coffeeshop.local.demo.Demo;
import dev.coffeeshop.local.logs.Logs;
import dev.coffeeshop.local.metrics.MetricNameCheck;
import dev.coffeeshop.local.stack.AccessTokens;
import dev.coffeeshop.local.stack.Health;
import dev.coffeeshop.local.stack.Identity;
import dev.coffeeshop.local.stack.LocalStack;
import dev.coffeeshop.local.stack.Service;
import dev.coffeeshop.local.stack.StackFile;
import dev.coffeeshop.local.stack.StackSettings;
import dev.coffeeshop.local.stack.StackStartupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Entry point of the Java half of {@code ./coffeeshop} (the script finds the JDK, builds, daemonizes and tails logs):
 * {@code up}, {@code status}, {@code demo}, {@code chaos} and {@code bench}.
 */
public final class Coffeeshop {

    private final Path root;
    private final Path data;

    private Coffeeshop(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.data = this.root.resolve(".coffeeshop");
    }

    public static void main(String[] args) {
        var coffeeshop = new Coffeeshop(Path.of(System.getProperty("coffeeshop.root", ".")));
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        int exit =
                switch (args.length == 0 ? "help" : args[0]) {
                    case "up" -> coffeeshop.up(rest.contains("--detached"));
                    case "status" -> coffeeshop.status();
                    case "demo" ->
                        coffeeshop.withIdentity(
                                identity -> Demo.run(coffeeshop.withTraceViewer(rest), identity, System.out));
                    case "token" -> coffeeshop.withIdentity(identity -> token(identity, rest));
                    case "people" -> coffeeshop.people();
                    case "attack" ->
                        coffeeshop.withIdentity(
                                identity -> AttackSuite.run(rest, identity, coffeeshop.kafkaLogins(), System.out));
                    case "chaos" -> ChaosSuite.run(coffeeshop.root, rest, System.out);
                    case "bench" -> Bench.run(coffeeshop.root, rest, System.out);
                    case "check-metrics" -> MetricNameCheck.run(coffeeshop.root, coffeeshop.data, rest, System.out);
                    case "logs" -> Logs.run(coffeeshop.data, rest, System.out);
                    default -> {
                        System.out.println(
                                "usage: Coffeeshop up [--detached] | status | demo [N] | token [--staff] | people | attack"
                                        + " | chaos [--ci] [--saga FILE] [scenario...] | bench [--quick]"
                                        + " | check-metrics [--target URL]..."
                                        + " | logs [component] [--order ID] [--lines N] [--no-follow] | logs --check-secrets");
                        yield 2;
                    }
                };
        System.exit(exit);
    }

    private int up(boolean detached) {
        Optional<Long> running = runningLauncher();
        if (running.isPresent()) {
            System.out.println("A coffeeshop stack is already running (launcher pid " + running.get() + ").");
            System.out.println("See ./coffeeshop status, or stop it with ./coffeeshop down.");
            return 1;
        }
        StackSettings settings;
        try {
            // the main job's stack shows every order's trace; the fault suite's and the bench's run without a viewer
            settings = StackSettings.fromEnvironment(root, System.getenv())
                    .withTraceViewer(StackSettings.DEFAULT_TRACE_VIEWER_PORT);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            return 2;
        }
        writeLauncherPid();
        var stopped = new CountDownLatch(1);
        var holder = new StackHolder();
        Runnable stop = () -> {
            System.out.println();
            System.out.println("Stopping the coffeeshop stack...");
            long t = System.nanoTime();
            holder.close();
            cleanUp();
            System.out.printf("Stopped in %.1f s.%n", (System.nanoTime() - t) / 1e9);
            stopped.countDown();
            System.exit(0);
        };
        // our own handlers, not shutdown hooks: hooks run in parallel, this stops services before their infrastructure
        Signal.handle(new Signal("TERM"), signal -> Thread.ofPlatform().start(stop));
        if (!detached) {
            Signal.handle(new Signal("INT"), signal -> Thread.ofPlatform().start(stop));
        }
        System.out.printf(
                "Starting the coffeeshop stack in %s: %s, %s and the identity provider, then %s%n",
                root,
                settings.externalKafka().map(k -> "Kafka at " + k).orElse("Kafka"),
                settings.externalDatabases().isEmpty() ? "PostgreSQL" : "the given databases",
                String.join(
                        ", ",
                        settings.services().stream()
                                .sorted()
                                .map(Service::moduleName)
                                .toList()));
        LocalStack stack;
        try {
            stack = holder.start(settings);
        } catch (StackStartupException e) {
            System.out.println();
            System.out.println("The stack did not come up: " + e.getMessage());
            cleanUp();
            return 1;
        }
        printSummary(stack, detached);
        markReady();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Holds the stack while it starts, so that a signal during start-up stops whatever has started so far. */
    private static final class StackHolder {
        private LocalStack stack;
        private boolean closed;

        LocalStack start(StackSettings settings) {
            LocalStack starting = LocalStack.prepare(settings, System.out::println);
            synchronized (this) {
                if (closed) {
                    throw new StackStartupException("stopped before it started");
                }
                stack = starting;
            }
            starting.bringUp();
            return starting;
        }

        synchronized void close() {
            closed = true;
            if (stack != null) {
                stack.close();
            }
        }
    }

    private void printSummary(LocalStack stack, boolean detached) {
        var settings = stack.settings();
        System.out.println();
        System.out.printf("coffeeshop is up in %.1f s%n", stack.startupTime().toNanos() / 1e9);
        if (settings.services().contains(Service.ORDER_INTAKE)) {
            var api = stack.baseUrl(Service.ORDER_INTAKE);
            System.out.println("  API                   " + api + "/orders");
            System.out.println("  menu                  " + api + "/menu");
        }
        for (Service service : Service.values()) {
            if (settings.services().contains(service)) {
                System.out.printf(
                        "  %-21s %s  (management %s/actuator: health, metrics, prometheus)%n",
                        service.moduleName(), stack.baseUrl(service), stack.managementUrl(service));
            }
        }
        if (settings.services().contains(Service.NOTIFICATION_SERVICE)) {
            System.out.println("  pickup board          " + stack.baseUrl(Service.NOTIFICATION_SERVICE) + "/board"
                    + "  (live; open it in a browser, then run the demo)");
        }
        System.out.println("  kafka                 " + stack.kafkaBootstrapServers());
        if (settings.externalDatabases().isEmpty()) {
            System.out.println("  postgres              127.0.0.1:" + settings.postgresPort()
                    + "  (databases intake, barista, notification; data in " + data.resolve("postgres") + ")");
        }
        System.out.println("  logs                  " + data.resolve("logs") + "  (./coffeeshop logs [service])");
        if (settings.startsTraceViewer()) {
            System.out.println("  traces                http://localhost:" + settings.traceViewerPort()
                    + "/zipkin/  (Zipkin: every order's trace through the three services)");
        }
        System.out.println("  identity provider     " + settings.identity().issuer()
                + "  (every request but the menu, the board and health needs an access token)");
        System.out.println(
                "    a token for orders: ./coffeeshop token        (curl -H \"Authorization: Bearer $(./coffeeshop token)\" ...)");
        System.out.println("    a staff token:      ./coffeeshop token --staff");
        System.out.println("    people who sign in: ./coffeeshop people       (customers alice and bob, staff sam)");
        System.out.println();
        System.out.println(
                detached
                        ? "Try ./coffeeshop demo 20; ./coffeeshop status; stop with ./coffeeshop down."
                        : "Try ./coffeeshop demo 20 in another terminal. Ctrl-C stops everything.");
    }

    private int status() {
        Optional<Long> launcher = runningLauncher();
        Optional<StackFile.Snapshot> snapshot = StackFile.read(data);
        if (launcher.isEmpty()) {
            System.out.println("No coffeeshop stack is running. Start one with ./coffeeshop up [-d].");
            snapshot.ifPresent(s -> System.out.println("(a stale " + data.resolve("stack.properties")
                    + " remains from launcher pid " + s.launcherPid() + "; ./coffeeshop down cleans up)"));
            return 3;
        }
        if (snapshot.isEmpty() || snapshot.get().launcherPid() != launcher.get()) {
            System.out.println("The stack is starting (launcher pid " + launcher.get() + "); see "
                    + data.resolve("logs/launcher.log") + " or the terminal running ./coffeeshop up.");
            return 1;
        }
        var started = snapshot.get().startedAt();
        System.out.printf(
                "coffeeshop stack: launcher pid %d, up since %s (%s)%n", launcher.get(), started, age(started));
        System.out.printf("%-22s %8s %6s %6s  %s%n", "component", "pid", "port", "mgmt", "state");
        boolean allWell = true;
        for (LocalStack.Component component : snapshot.get().components()) {
            boolean alive = ProcessHandle.of(component.pid())
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
            String state;
            if (!alive) {
                state = "NOT RUNNING (see " + component.log() + ")";
            } else if (component.managementUrl().isPresent()) {
                state = Health.of(component.managementUrl().get());
                state = "UP".equals(state)
                        ? "UP  " + component.baseUrl().get()
                        : state + " (see " + component.log() + ")";
            } else {
                state = listening(component.port()) ? "listening" : "NOT LISTENING (see " + component.log() + ")";
            }
            allWell &= alive && (state.startsWith("UP") || state.equals("listening"));
            System.out.printf(
                    "%-22s %8d %6d %6s  %s%n",
                    component.name(),
                    component.pid(),
                    component.port(),
                    component
                            .managementUrl()
                            .map(url -> Integer.toString(url.getPort()))
                            .orElse("-"),
                    state);
        }
        snapshot.get().components().stream()
                .filter(component -> component.name().equals(Service.NOTIFICATION_SERVICE.moduleName()))
                .flatMap(component -> component.baseUrl().stream())
                .forEach(url -> System.out.println("pickup board: " + url + "/board"));
        snapshot.get()
                .identity()
                .ifPresent(identity -> System.out.println("identity provider: " + identity.issuer()
                        + "  (./coffeeshop token [--staff] for an access token)"));
        return allWell ? 0 : 1;
    }

    /**
     * Runs {@code command} with the identity provider and client secrets of the running stack, or else the ones the
     * environment names ({@link Identity#fromEnvironment}); says how to get either when there is neither.
     */
    /**
     * The demo's arguments with {@code --traces} pointing at the running stack's trace viewer, so that the demo reads
     * every order's trace back from it; as given when the user names the system or the viewer, or there is none.
     */
    private List<String> withTraceViewer(List<String> arguments) {
        if (arguments.contains("--traces") || arguments.contains("--url")) {
            return arguments;
        }
        return runningLauncher()
                .flatMap(pid -> StackFile.read(data))
                .flatMap(snapshot -> snapshot.components().stream()
                        .filter(c -> c.name().equals("trace-viewer"))
                        .findFirst())
                .flatMap(LocalStack.Component::baseUrl)
                .map(viewer -> {
                    var withViewer = new ArrayList<>(arguments);
                    withViewer.add("--traces");
                    withViewer.add(viewer.toString());
                    return (List<String>) withViewer;
                })
                .orElse(arguments);
    }

    /** The running stack's Kafka and the services' passwords there, when the launcher secured that broker. */
    private Optional<StackFile.KafkaLogins> kafkaLogins() {
        return runningLauncher().flatMap(pid -> StackFile.read(data)).flatMap(StackFile.Snapshot::kafka);
    }

    private int withIdentity(java.util.function.ToIntFunction<Identity> command) {
        Optional<Identity> identity;
        try {
            identity = runningLauncher()
                    .flatMap(pid -> StackFile.read(data))
                    .flatMap(StackFile.Snapshot::identity)
                    .or(() -> Identity.fromEnvironment(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            return 2;
        }
        if (identity.isEmpty()) {
            System.out.println("No identity provider to ask for tokens: start the stack (./coffeeshop up -d), or set "
                    + "COFFEESHOP_IDENTITY_CLIENTS_TOOLS_SECRET and COFFEESHOP_IDENTITY_CLIENTS_OPERATOR_SECRET (and "
                    + "COFFEESHOP_IDENTITY_ISSUER, http://localhost:9000 by default) for a system started elsewhere.");
            return 2;
        }
        return command.applyAsInt(identity.get());
    }

    /** {@code token [--staff]}: an access token of the tools' client, or of the operators', on standard output. */
    private static int token(Identity identity, List<String> arguments) {
        var http = java.net.http.HttpClient.newHttpClient();
        try {
            var tokens = arguments.contains("--staff")
                    ? AccessTokens.forOperator(identity, http)
                    : AccessTokens.forTools(identity, http);
            System.out.println(tokens.token());
            return 0;
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /** {@code people}: who can sign in to the running stack's identity provider, and with which password. */
    private int people() {
        var identity = runningLauncher().flatMap(pid -> StackFile.read(data)).flatMap(StackFile.Snapshot::identity);
        if (identity.isEmpty()) {
            System.out.println("No coffeeshop stack is running. Start one with ./coffeeshop up [-d].");
            return 3;
        }
        System.out.println("People of the running stack (new passwords every start; sign in at "
                + identity.get().issuer() + " through an app's authorization code flow):");
        for (Identity.Person person : Identity.PEOPLE) {
            System.out.printf(
                    "  %-6s %-8s %-9s %s%n",
                    person.userName(),
                    person.displayName(),
                    person.staff() ? "staff" : "customer",
                    identity.get().people().getOrDefault(person.userName(), "?"));
        }
        return 0;
    }

    private static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String age(Instant since) {
        Duration age = Duration.between(since, Instant.now());
        return age.toHours() > 0
                ? "%dh %02dm".formatted(age.toHours(), age.toMinutesPart())
                : "%dm %02ds".formatted(age.toMinutes(), age.toSecondsPart());
    }

    private Optional<Long> runningLauncher() {
        Path pidFile = data.resolve("launcher.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(
                    Files.readString(pidFile, StandardCharsets.UTF_8).strip());
            if (pid == ProcessHandle.current().pid()) {
                return Optional.empty();
            }
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void writeLauncherPid() {
        try {
            Files.createDirectories(data);
            Files.deleteIfExists(data.resolve("ready"));
            Files.writeString(
                    data.resolve("launcher.pid"),
                    Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + data.resolve("launcher.pid"), e);
        }
    }

    /** The script's {@code up -d} waits for this file to know the stack is healthy. */
    private void markReady() {
        try {
            Files.writeString(data.resolve("ready"), Instant.now().toString());
        } catch (IOException e) {
            System.err.println("cannot write " + data.resolve("ready") + ": " + e.getMessage());
        }
    }

    private void cleanUp() {
        try {
            Files.deleteIfExists(data.resolve("ready"));
            Files.deleteIfExists(data.resolve("launcher.pid"));
        } catch (IOException ignored) {
            // the next start recognises a stale pid file by its dead process
        }
    }
}
