package dev.coffeeshop.local.attack;

import dev.coffeeshop.events.KafkaAccess;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.local.stack.AccessTokens;
import dev.coffeeshop.local.stack.Identity;
import dev.coffeeshop.local.stack.StackFile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code ./coffeeshop attack}: every control of docs/security.md tried against the running stack as an attacker would,
 * each expecting one exact answer: tokens missing, forged, tampered with, unsigned, signed by someone else or too
 * weak for the endpoint; another customer's order; bodies too large, too deep or ambiguous; headers too long; paths
 * the servlet container refuses itself; bursts over a client's budget; and on Kafka a client without credentials, a
 * guessed password, and each service as if taken over writing, reading and creating what its ACLs refuse ({@link
 * KafkaAttacks}). Every HTTP refusal must also be a problem body. Prints one line per attack and exits non-zero if any
 * answer differs.
 */
public final class AttackSuite {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ORDER_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String ORDER = """
            {"customerName":"Mallory","paymentToken":"tok_approve",
             "items":[{"drink":"latte","size":"small","quantity":1,"options":[]}]}""";

    private final Identity identity;
    private final Optional<StackFile.KafkaLogins> kafka;
    private final URI intake;
    private final URI notifications;
    private final PrintStream out;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<Result> results = new ArrayList<>();

    AttackSuite(
            Identity identity, Optional<StackFile.KafkaLogins> kafka, URI intake, URI notifications, PrintStream out) {
        this.identity = identity;
        this.kafka = kafka;
        this.intake = intake;
        this.notifications = notifications;
        this.out = out;
    }

    /**
     * Arguments: {@code [--url http://localhost:8080] [--notifications http://localhost:8082]}; {@code kafka}: the
     * stack's broker and the services' passwords, without which the Kafka attacks are left out (a system started
     * elsewhere).
     */
    public static int run(
            List<String> arguments, Identity identity, Optional<StackFile.KafkaLogins> kafka, PrintStream out) {
        URI intake = URI.create("http://localhost:8080");
        URI notifications = URI.create("http://localhost:8082");
        for (int i = 0; i < arguments.size(); i++) {
            switch (arguments.get(i)) {
                case "--url" -> intake = URI.create(arguments.get(++i));
                case "--notifications" -> notifications = URI.create(arguments.get(++i));
                default -> {
                    out.println("usage: attack [--url URL] [--notifications URL]");
                    return 2;
                }
            }
        }
        try {
            return new AttackSuite(identity, kafka, intake, notifications, out).attack();
        } catch (IOException | RuntimeException e) {
            out.println("The attack suite could not run: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private int attack() throws IOException, InterruptedException {
        String tools = AccessTokens.forTools(identity, http).token();
        String keySet = send("GET", identity.issuer().resolve("/oauth2/jwks"), null, null, Map.of())
                .body();
        var forged = new ForgedTokens(tools);
        URI anOrder = intake.resolve("/orders/" + UUID.randomUUID());

        out.println("Tokens");
        expect("no token", 401, get(anOrder, null), challenged());
        expect("a token that is not a JWT", 401, get(anOrder, "not-a-token"), challenged());
        expect(
                "scope changed after signing",
                401,
                get(intake.resolve("/staff/saga"), forged.tampered("\"orders:place\"", "\"staff\"")),
                challenged());
        expect("unsigned (alg none)", 401, get(anOrder, forged.unsigned()), challenged());
        expect(
                "HS256 with the public key set as secret",
                401,
                get(anOrder, forged.hmacWithPublicKey(keySet)),
                challenged());
        expect(
                "signed by another key under the provider's key id",
                401,
                get(anOrder, forged.signedByAnotherKey(forged.claims())),
                challenged());
        expect(
                "another issuer (signed by another key)",
                401,
                get(
                        anOrder,
                        forged.signedByAnotherKey(
                                forged.claims().replace(identity.issuer().toString(), "http://evil.example"))),
                challenged());
        expect(
                "expired an hour ago (signed by another key)",
                401,
                get(
                        anOrder,
                        forged.signedByAnotherKey(forged.claims()
                                .replaceAll(
                                        "\"exp\"\\s*:\\s*\\d+",
                                        "\"exp\":" + (System.currentTimeMillis() / 1000 - 3600)))),
                challenged());
        expect(
                "an orders token on a staff endpoint",
                403,
                get(intake.resolve("/staff/saga"), tools),
                problem().and(answer -> answer.header("WWW-Authenticate").contains("insufficient_scope")));
        expect(
                "the actuator's metrics on the public port",
                404,
                get(intake.resolve("/actuator/metrics"), tools),
                problem());
        expect(
                "the Prometheus scrape on the public port",
                404,
                get(intake.resolve("/actuator/prometheus"), null),
                problem());

        out.println("Owners");
        Map<String, String> people = identity.people();
        if (people.containsKey("alice") && people.containsKey("bob")) {
            String scope = "openid orders:place orders:read orders:cancel";
            String alice = SignIn.token(identity.issuer(), "shop", "alice", people.get("alice"), scope);
            String bob = SignIn.token(identity.issuer(), "shop", "bob", people.get("bob"), scope);
            Answer placed =
                    send("POST", intake.resolve("/orders"), alice, ORDER, Map.of("Content-Type", "application/json"));
            expect("alice places an order", 202, placed, answer -> true);
            var id = ORDER_ID.matcher(placed.body());
            if (id.find()) {
                URI hers = intake.resolve("/orders/" + id.group(1));
                Answer missing = get(anOrder, bob);
                expect(
                        "bob reads alice's order",
                        404,
                        get(hers, bob),
                        problem().and(answer -> sameProblem(answer, missing)));
                expect(
                        "bob cancels alice's order",
                        404,
                        send("POST", URI.create(hers + "/cancel"), bob, null, Map.of()),
                        problem());
                expect(
                        "bob reads alice's notifications",
                        200,
                        get(notifications.resolve("/orders/" + id.group(1) + "/notifications"), bob),
                        answer -> answer.body().contains("\"notifications\":[]"));
                expect(
                        "bob asks for the staff scope",
                        400,
                        staffScopeFor("bob", people.get("bob")),
                        answer -> answer.body().contains("invalid_scope"));
                expect("alice still reads her order", 200, get(hers, alice), answer -> true);
            }
        } else {
            out.println("  (no people known: the owner attacks need a stack started by ./coffeeshop up)");
        }

        out.println("Requests");
        expect(
                "a 1 MB body",
                413,
                send(
                        "POST",
                        intake.resolve("/orders"),
                        tools,
                        "{\"a\":\"" + "x".repeat(1 << 20) + "\"}",
                        Map.of("Content-Type", "application/json")),
                problem());
        expect(
                "JSON nested 100 deep",
                400,
                send(
                        "POST",
                        intake.resolve("/orders"),
                        tools,
                        "{\"a\":".repeat(100) + "1" + "}".repeat(100),
                        Map.of("Content-Type", "application/json")),
                problem());
        expect(
                "a duplicate key",
                400,
                send(
                        "POST",
                        intake.resolve("/orders"),
                        tools,
                        ORDER.replace(
                                "\"customerName\":\"Mallory\",",
                                "\"customerName\":\"Mallory\",\"customerName\":\"Eve\","),
                        Map.of("Content-Type", "application/json")),
                problem());
        expect(
                "a 10,000-character header",
                400,
                send("GET", intake.resolve("/menu"), null, null, Map.of("X-Padding", "x".repeat(10_000))),
                problem());
        expect("an encoded slash in the path", 400, get(URI.create(intake + "/orders/a%2Fb"), tools), problem());

        out.println("Bursts");
        if (people.containsKey("bob")) {
            String bob = SignIn.token(identity.issuer(), "shop", "bob", people.get("bob"), "openid orders:place");
            burst(
                    "bob's burst of orders (writes)",
                    61,
                    () -> send(
                            "POST", intake.resolve("/orders"), bob, "{}", Map.of("Content-Type", "application/json")),
                    400);
        }
        burst("an anonymous burst of reads", 601, () -> get(intake.resolve("/menu"), null), 200);

        out.println("Kafka");
        if (kafka.isPresent()) {
            kafkaAttacks(new KafkaAttacks(kafka.get()));
        } else {
            out.println("  (no Kafka passwords known: the Kafka attacks need a stack started by ./coffeeshop up)");
        }

        long failed = results.stream().filter(r -> !r.passed()).count();
        out.printf(
                "%n%d attacks, %d answered as expected%s%n",
                results.size(), results.size() - failed, failed == 0 ? "." : "; " + failed + " did not.");
        return failed == 0 ? 0 : 1;
    }

    /**
     * Up to {@code requests} sent at once by one client, whose budget is at most half of them (so that a burst crossing
     * the end of a period still goes over it): expects every answer before the first refusal to be {@code served} and
     * the refusal a 429 with {@code Retry-After} and a problem body.
     */
    private void burst(String attack, int requests, Request request, int served)
            throws IOException, InterruptedException {
        Answer answer = new Answer(0, Map.of(), "no answer");
        int sent = 0;
        while (sent < requests) {
            answer = request.send();
            sent++;
            if (answer.status() != served) {
                break;
            }
        }
        expect(attack + ", refused after " + (sent - 1), 429, answer, problem().and(refused -> refused.header(
                        "Retry-After")
                .matches("[1-9][0-9]*")));
    }

    private void kafkaAttacks(KafkaAttacks kafka) {
        String forgedReady = "{\"type\":\"OrderReady\",\"orderId\":\"" + UUID.randomUUID() + "\"}";
        String barista = KafkaAccess.BARISTA_WORKER.principal();
        String notifications = KafkaAccess.NOTIFICATION_SERVICE.principal();
        String intakeGroup = KafkaAccess.ORDER_INTAKE.principal();
        expectOutcome(
                "a client without credentials writes an order",
                KafkaAttacks.NO_METADATA,
                kafka.sendWithoutCredentials(Topics.ORDERS));
        expectOutcome(
                "the cashier's principal with a guessed password",
                "SaslAuthenticationException",
                kafka.sendWithGuessedPassword(intakeGroup, Topics.ORDERS));
        if (!kafka.knows(barista) || !kafka.knows(notifications)) {
            out.println("  (the stack file names no password for " + barista + " or " + notifications + ")");
            return;
        }
        expectOutcome(
                "notification-service forges an OrderReady",
                "TopicAuthorizationException",
                kafka.sendAs(notifications, Topics.PREPARATIONS, forgedReady));
        expectOutcome(
                "barista-worker writes an order on the cashier's topic",
                "TopicAuthorizationException",
                kafka.sendAs(barista, Topics.ORDERS, "{\"type\":\"OrderPlaced\"}"));
        expectOutcome(
                "barista-worker reads with the cashier's group",
                "GroupAuthorizationException",
                kafka.readAs(barista, Topics.PREPARATIONS, intakeGroup));
        expectOutcome(
                "barista-worker reads the notifications' dead letters",
                "TopicAuthorizationException",
                kafka.readWithoutGroupAs(barista, Topics.deadLetter(Topics.ORDERS, notifications)));
        expectOutcome(
                "notification-service creates a topic",
                "TopicAuthorizationException",
                kafka.createTopicAs(notifications, KafkaAttacks.strangeTopic()));
    }

    private void expectOutcome(String attack, String expected, String outcome) {
        boolean passed = expected.equals(outcome);
        results.add(new Result(attack, passed));
        out.printf("  %-52s expected %s, got %s  %s%n", attack, expected, outcome, passed ? "ok" : "FAILED");
    }

    @FunctionalInterface
    private interface Request {
        Answer send() throws IOException, InterruptedException;
    }

    private Answer staffScopeFor(String user, String password) throws InterruptedException {
        try {
            SignIn.token(identity.issuer(), "counter", user, password, "staff");
            return new Answer(200, Map.of(), "a customer got the staff scope");
        } catch (IOException e) {
            // the staff's app may ask for the scope, but the provider gives it to staff only
            return new Answer(400, Map.of(), e.getMessage());
        }
    }

    private void expect(String attack, int status, Answer answer, Predicate<Answer> also) {
        boolean passed = answer.status() == status && also.test(answer);
        results.add(new Result(attack, passed));
        out.printf(
                "  %-52s expected %d, got %d  %s%n",
                attack,
                status,
                answer.status(),
                passed
                        ? "ok"
                        : "FAILED "
                                + answer.body()
                                        .substring(
                                                0, Math.min(160, answer.body().length()))
                                        .replace('\n', ' '));
    }

    private static Predicate<Answer> problem() {
        return answer -> answer.header("Content-Type").startsWith("application/problem+json");
    }

    private static Predicate<Answer> challenged() {
        return problem().and(answer -> answer.header("WWW-Authenticate").startsWith("Bearer"));
    }

    /** Two 404s that say the same, but for the id they name. */
    private static boolean sameProblem(Answer one, Answer other) {
        String id = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
        return one.body().replaceAll(id, "<id>").equals(other.body().replaceAll(id, "<id>"));
    }

    private Answer get(URI uri, String token) throws IOException, InterruptedException {
        return send("GET", uri, token, null, Map.of());
    }

    private Answer send(String method, URI uri, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().map().entrySet().stream()
                            .collect(java.util.stream.Collectors.toMap(
                                    e -> e.getKey().toLowerCase(java.util.Locale.ROOT),
                                    e -> String.join(", ", e.getValue()))),
                    response.body());
        } catch (IOException e) {
            // a server that drops the connection on an oversized request answers nothing at all
            return new Answer(0, Map.of(), e.toString());
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
        }
    }

    private record Result(String attack, boolean passed) {}
}
