package dev.coffeeshop.local.demo;

import dev.coffeeshop.local.stack.AccessTokens;
import dev.coffeeshop.local.stack.Identity;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./coffeeshop demo [N]}: places N orders against a running stack, follows each to its final state and says
 * whether everything ended as it should. Exit code 0 only if every order did.
 *
 * <p>With {@code --webhooks PORT} every order names a callback URL served by the demo itself
 * ({@link DemoWebhookReceiver}), and the demo also checks that each order's notifications arrived once each, signed
 * with the secret the notification service reveals to staff. The notification service must allow-list the receiver:
 * {@code COFFEESHOP_NOTIFICATION_WEBHOOKS_ALLOWEDHOSTS=localhost:PORT}.
 *
 * <p>The demo is a client like any other: it asks the identity provider for tokens with the client credentials of the
 * tools' client (its orders) and of the operators' (the webhook secret), and sends them with every request.
 */
public final class Demo {

    /** At most this many requests in flight: enough to keep the cashier busy, not enough to make it the bottleneck. */
    private static final int CONCURRENCY = 8;

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final URI api;
    private final Duration timeout;
    private final boolean terminal;
    private final PrintStream out;
    private final HttpClient http;
    private final AccessTokens tokens;
    private final AccessTokens staff;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile DemoWebhookReceiver receiver;

    Demo(URI api, Duration timeout, boolean terminal, Identity identity, PrintStream out) {
        this.api = api;
        this.timeout = timeout;
        this.terminal = terminal;
        this.out = out;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .executor(Executors.newFixedThreadPool(CONCURRENCY))
                .build();
        this.tokens = AccessTokens.forTools(identity, http);
        this.staff = AccessTokens.forOperator(identity, http);
    }

    /**
     * Arguments: {@code [N] [--timeout SECONDS] [--url http://localhost:8080] [--board http://localhost:8082/board]
     * [--seed S] [--tty] [--webhooks PORT] [--webhooks-host HOST] [--notifications http://localhost:8082]
     * [--traces http://localhost:9411]}. With {@code --traces}, each order made is read back from the trace viewer
     * afterwards ({@link TraceCheck}).
     * {@code --webhooks-host} is the name the notification service reaches this machine by (default
     * {@code localhost}; from containers, e.g. {@code host.docker.internal}). {@code identity} is the identity
     * provider and the tools' client secrets: the running stack's, or the ones the environment names.
     */
    public static int run(List<String> arguments, Identity identity, PrintStream out) {
        int count = 20;
        int webhooksPort = -1;
        String webhooksHost = "localhost";
        URI notifications = URI.create("http://localhost:8082");
        long timeoutSeconds = 120;
        URI api = URI.create("http://localhost:8080");
        URI board = URI.create("http://localhost:8082/board");
        Random random = new Random();
        boolean terminal = false;
        URI traces = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            switch (argument) {
                case "--timeout" -> timeoutSeconds = Long.parseLong(arguments.get(++i));
                case "--url" -> api = URI.create(arguments.get(++i));
                case "--board" -> board = URI.create(arguments.get(++i));
                case "--seed" -> random = new Random(Long.parseLong(arguments.get(++i)));
                case "--tty" -> terminal = true;
                case "--webhooks" -> webhooksPort = Integer.parseInt(arguments.get(++i));
                case "--webhooks-host" -> webhooksHost = arguments.get(++i);
                case "--notifications" -> notifications = URI.create(arguments.get(++i));
                case "--traces" -> traces = URI.create(arguments.get(++i));
                default -> {
                    try {
                        count = Integer.parseInt(argument);
                    } catch (NumberFormatException e) {
                        out.println("Unknown demo argument: " + argument
                                + " (usage: demo [N] [--timeout SECONDS] [--url URL] [--board URL] [--seed S]"
                                + " [--webhooks PORT] [--webhooks-host HOST] [--notifications URL] [--traces URL])");
                        return 2;
                    }
                }
            }
        }
        if (count < 1) {
            out.println("The demo needs at least one order.");
            return 2;
        }
        out.println("Watch the orders move on the pickup board: " + board);
        var demo = new Demo(api, Duration.ofSeconds(timeoutSeconds), terminal, identity, out);
        try {
            demo.tokens.token();
        } catch (IllegalStateException e) {
            out.println("The demo cannot get an access token: " + e.getMessage());
            return 2;
        }
        if (webhooksPort < 0) {
            return demo.checkTraces(traces, demo.play(count, random));
        }
        try (var webhooks = demo.startReceiver(webhooksPort, webhooksHost, notifications)) {
            demo.receiver = webhooks;
            int played = demo.play(count, random);
            return demo.checkTraces(traces, demo.checkWebhooks() ? played : Math.max(played, 1));
        } catch (IOException e) {
            out.println("Could not start the demo's webhook receiver on port " + webhooksPort + ": " + describe(e));
            return 2;
        }
    }

    /**
     * With a trace viewer, the orders that were made (ready) or refunded read back from it; {@code played} made worse
     * when one has no whole trace. Declined orders are left out: their story ends in the POST's answer.
     */
    private int checkTraces(URI viewer, int played) {
        if (viewer == null || played == 2) {
            return played;
        }
        try {
            boolean whole = new TraceCheck(viewer, http, out, receiver != null)
                    .check(ended(Outcome.READY), ended(Outcome.REFUNDED), Duration.ofSeconds(30));
            return whole ? played : Math.max(played, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Math.max(played, 1);
        }
    }

    /** The ids of the orders that ended as {@code outcome}. */
    private List<String> ended(Outcome outcome) {
        return tracked.stream()
                .filter(order -> order.actual().filter(outcome.name()::equals).isPresent())
                .map(TrackedOrder::id)
                .flatMap(Optional::stream)
                .toList();
    }

    /** The receiver, verifying signatures with the secret staff can reveal. */
    private DemoWebhookReceiver startReceiver(int port, String host, URI notifications) throws IOException {
        String url = "http://" + host + ":" + port + "/hooks";
        String secret = null;
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(notifications.resolve(
                                    "/staff/webhooks/secret?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", staff.header())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                secret = json.readTree(response.body()).path("secret").asString();
            } else {
                out.println("The notification service answered " + response.statusCode()
                        + " for the webhook secret: signatures go unchecked.");
            }
        } catch (IOException e) {
            out.println("The notification service does not answer at " + notifications + " (" + describe(e)
                    + "): signatures go unchecked.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var started = new DemoWebhookReceiver(port, host, secret, Clock.systemUTC());
        out.println("Receiving webhooks at " + started.url() + " (the notification service must allow-list " + host
                + ":" + port + ")");
        return started;
    }

    private List<TrackedOrder> tracked = List.of();

    /**
     * Waits up to 30 s for every accepted order's notifications to arrive, then reports; true when each arrived once
     * with a valid signature.
     */
    private boolean checkWebhooks() {
        var accepted = tracked.stream().filter(o -> o.id().isPresent()).toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<TrackedOrder> missing = missingWebhooks(accepted);
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            try {
                // the demo is an outside client: it can only look again, as it does for the orders' states
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            missing = missingWebhooks(accepted);
        }
        out.printf(
                "Webhooks: %d of %d orders told everything once%s; %d duplicate deliveries dropped, %d bad"
                        + " signatures%n",
                accepted.size() - missing.size(),
                accepted.size(),
                receiver.verifiesSignatures() ? ", signatures verified" : " (signatures unchecked)",
                receiver.duplicates(),
                receiver.badSignatures());
        for (TrackedOrder order : missing) {
            out.printf(
                    "  order %s (%s) was told %s, expected %s%n",
                    order.id().orElseThrow(),
                    order.actual().orElse("not final"),
                    told(order).keySet(),
                    expectedKinds(order));
        }
        return missing.isEmpty() && receiver.badSignatures() == 0;
    }

    private List<TrackedOrder> missingWebhooks(List<TrackedOrder> accepted) {
        return accepted.stream()
                .filter(o -> !told(o).equals(once(expectedKinds(o))))
                .toList();
    }

    private Map<String, Integer> told(TrackedOrder order) {
        String id = order.id().orElseThrow();
        return receiver.toldTo(List.of(id)).get(id).kinds();
    }

    /** What a customer hears about an order that ended as {@code order} did. */
    static Set<String> expectedKinds(TrackedOrder order) {
        Set<String> kinds = new TreeSet<>(Set.of("RECEIVED"));
        switch (order.actual().orElse("")) {
            case "READY" -> kinds.add("READY_FOR_PICKUP");
            case "REFUNDED" -> kinds.add("REFUNDED");
            case "CANCELLED" -> kinds.add("CANCELLED");
            default -> {}
        }
        return kinds;
    }

    private static Map<String, Integer> once(Set<String> kinds) {
        Map<String, Integer> each = new LinkedHashMap<>();
        kinds.forEach(kind -> each.put(kind, 1));
        return each;
    }

    int play(int count, Random random) {
        Menu menu;
        try {
            menu = Menu.from(getJson(api.resolve("/menu")));
        } catch (IOException e) {
            out.println("order-intake does not answer at " + api + " (" + describe(e) + ").");
            out.println("Is the stack up? Try ./coffeeshop status, or start it with ./coffeeshop up -d");
            return 2;
        }
        List<PlannedOrder> plan = new OrderMix(menu, random).plan(count);
        var orders = plan.stream().map(TrackedOrder::new).toList();
        tracked = orders;
        out.printf(
                "Placing %d orders at %s: ~70%% ordinary, ~15%% with the sold-out %s (refund expected), ~15%% declined"
                        + " cards%n",
                count, api, Menu.SOLD_OUT_DRINK);

        long start = System.nanoTime();
        placeAll(orders);
        Duration placing = Duration.ofNanos(System.nanoTime() - start);
        boolean allFinal = follow(orders, start);
        long lastFinish =
                orders.stream().mapToLong(TrackedOrder::finishedAtNanos).max().orElse(start);
        Duration total = Duration.ofNanos((allFinal ? lastFinish : System.nanoTime()) - start);

        if (!allFinal) {
            out.printf(
                    "%nTimed out after %d s with %d orders not final (listed below).%n",
                    timeout.toSeconds(),
                    orders.stream().filter(o -> !o.isFinished()).count());
        }
        out.print(DemoReport.render(orders, placing, total));
        return allFinal && orders.stream().allMatch(TrackedOrder::endedAsExpected) ? 0 : 1;
    }

    private void placeAll(List<TrackedOrder> orders) {
        var permits = new Semaphore(CONCURRENCY);
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            for (TrackedOrder order : orders) {
                parallel.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        place(order);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
    }

    private void place(TrackedOrder order) {
        PlannedOrder planned = order.planned();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(api.resolve("/orders"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", tokens.header())
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, application/problem+json")
                            .header("Idempotency-Key", planned.idempotencyKey())
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body(planned))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            switch (response.statusCode()) {
                case 202, 201, 200 ->
                    order.accepted(json.readTree(response.body()).path("id").asString());
                case 402 -> order.finished(Outcome.DECLINED.name(), null);
                default -> order.finished("HTTP " + response.statusCode() + " on POST", null);
            }
        } catch (IOException e) {
            order.finished("POST failed: " + describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> body(PlannedOrder planned) {
        DemoWebhookReceiver webhooks = receiver;
        if (webhooks == null) {
            return planned.body();
        }
        Map<String, Object> body = new LinkedHashMap<>(planned.body());
        body.put("callbackUrl", webhooks.url());
        return body;
    }

    /** Polls every unfinished order until all are final or the timeout passes; true if all are final. */
    private boolean follow(List<TrackedOrder> orders, long start) {
        long deadline = start + timeout.toNanos();
        long nextProgress = 0;
        long nextUnchangedLine = 0;
        String lastCounts = "";
        while (true) {
            var pending = orders.stream().filter(o -> !o.isFinished()).toList();
            long now = System.nanoTime();
            if (now >= nextProgress || pending.isEmpty()) {
                String counts = counts(orders);
                String line = "  %s  %.1f s".formatted(counts, (now - start) / 1e9);
                if (terminal) {
                    out.print("\r" + line + "   ");
                    out.flush();
                } else if (!counts.equals(lastCounts) || pending.isEmpty() || now >= nextUnchangedLine) {
                    // a log, not a terminal: a line when something changed, else every few seconds
                    out.println(line);
                    nextUnchangedLine = now + Duration.ofSeconds(5).toNanos();
                }
                lastCounts = counts;
                nextProgress = now + Duration.ofSeconds(1).toNanos();
            }
            if (pending.isEmpty()) {
                if (terminal) {
                    out.println();
                }
                return true;
            }
            if (now > deadline) {
                if (terminal) {
                    out.println();
                }
                return false;
            }
            poll(pending);
            try {
                // the orders progress in other processes; the demo looks again about once a second, as its progress
                // line does
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static String counts(List<TrackedOrder> orders) {
        int ready = 0;
        int refunded = 0;
        int declined = 0;
        int other = 0;
        for (TrackedOrder order : orders) {
            String actual = order.actual().orElse(null);
            if (actual == null) {
                continue;
            }
            switch (actual) {
                case "READY" -> ready++;
                case "REFUNDED" -> refunded++;
                case "DECLINED" -> declined++;
                default -> other++;
            }
        }
        int done = ready + refunded + declined + other;
        return "completed %d/%d  (ready %d, refunded %d, declined %d%s)"
                .formatted(done, orders.size(), ready, refunded, declined, other == 0 ? "" : ", failed " + other);
    }

    private void poll(List<TrackedOrder> pending) {
        var permits = new Semaphore(CONCURRENCY);
        try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            for (TrackedOrder order : pending) {
                if (order.id().isEmpty()) {
                    continue;
                }
                parallel.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        check(order);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
    }

    private void check(TrackedOrder order) {
        try {
            JsonNode body = getJson(api.resolve("/orders/" + order.id().orElseThrow()));
            String status = body.path("status").asString();
            order.seen(status);
            if (status.equals("READY") || status.equals("REFUNDED") || status.equals("CANCELLED")) {
                order.finished(status, placedToReady(body));
            }
        } catch (IOException e) {
            order.seen("unreachable (" + describe(e) + ")");
        }
    }

    /** From the order's own timeline, so the figure is the system's, not this client's polling interval. */
    static Duration placedToReady(JsonNode order) {
        Instant placed = null;
        Instant ready = null;
        for (JsonNode step : order.path("timeline")) {
            String status = step.path("status").asString();
            if (status.equals("PLACED") && placed == null) {
                placed = Instant.parse(step.path("at").asString());
            } else if (status.equals("READY")) {
                ready = Instant.parse(step.path("at").asString());
            }
        }
        return placed == null || ready == null ? null : Duration.between(placed, ready);
    }

    private JsonNode getJson(URI uri) throws IOException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", tokens.header())
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri.getPath() + " answered " + response.statusCode());
            }
            return json.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
