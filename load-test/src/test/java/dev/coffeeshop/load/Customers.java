package dev.coffeeshop.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What one customer of the mix does, as Gatling chains: place the order, retry or cancel it as the kind says, then
 * follow it until its status is final, and check that it ended as the kind must. Each kind is a group, so the report
 * shows its orders' wall-clock time from the POST to the final look (gatling.conf measures groups by duration).
 *
 * <p>A failed check is a failed request, and every simulation asserts there are none: a wrong status code, a retry
 * that made a second order, an order still open when its time ran out, or one that ended otherwise than its kind must.
 */
final class Customers {

    private final Completions completions;
    private final Duration followTimeout;
    private final Duration pollInterval;

    Customers(Completions completions, Duration followTimeout, Duration pollInterval) {
        this.completions = completions;
        this.followTimeout = followTimeout;
        this.pollInterval = pollInterval;
    }

    static HttpProtocolBuilder intake() {
        return http.baseUrl(LoadSettings.baseUrl())
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("coffeeshop-load-test")
                .header("Authorization", session -> AccessToken.header())
                // each look at an order must reach the intake, never a client-side cache
                .disableCaching();
    }

    /** Customers of the demo's mix, one order each. */
    ScenarioBuilder arriving(String name, long seed) {
        return scenario(name)
                .feed(new OrderMix(new Random(seed)))
                .exec(session -> session.set("arrivedAt", completions.sinceStart()))
                .exec(doSwitch("#{kind}")
                        .on(
                                onCase(OrderKind.ORDINARY.name())
                                        .then(group("ordinary").on(place(), follow(OrderKind.ORDINARY.ends()))),
                                onCase(OrderKind.RETRIED.name())
                                        .then(group("retried with the same key")
                                                .on(place(), placeAgain(), follow(OrderKind.RETRIED.ends()))),
                                onCase(OrderKind.CANCELLED.name())
                                        .then(group("cancelled at once").on(place(), cancel())),
                                onCase(OrderKind.SOLD_OUT.name())
                                        .then(group("sold out").on(place(), follow(OrderKind.SOLD_OUT.ends()))),
                                onCase(OrderKind.DECLINED.name())
                                        .then(group("declined card").on(decline()))));
    }

    private HttpRequestActionBuilder post(String name) {
        return http(name)
                .post("/orders")
                .header("Idempotency-Key", "#{idempotencyKey}")
                .body(StringBody("#{body}"));
    }

    private ChainBuilder place() {
        return exec(post("place order")
                        .check(
                                status().is(202),
                                header("Location").saveAs("location"),
                                jsonPath("$.id").saveAs("orderId")))
                .exitHereIfFailed();
    }

    /** The same request again, as a client does that never saw the first answer: the same order comes back. */
    private ChainBuilder placeAgain() {
        return exec(post("place again, same key")
                .check(status().is(202), jsonPath("$.id").is(session -> session.getString("orderId"))));
    }

    /** Cancels at once: 202 while no barista started it (it ends CANCELLED, or READY if too late), else 409. */
    private ChainBuilder cancel() {
        return exec(http("cancel order")
                        .post("#{location}/cancel")
                        .check(status().in(202, 409).saveAs("cancelStatus")))
                .doIfOrElse(session -> session.getInt("cancelStatus") == 409)
                .then(follow(List.of("READY")))
                .orElse(follow(OrderKind.CANCELLED.ends()));
    }

    private ChainBuilder decline() {
        return exec(post("place order, declined card")
                .check(status().is(402), jsonPath("$.type").is("https://coffeeshop.dev/problems/payment-declined")));
    }

    /**
     * Looks at the order every poll interval until its status is final or its time is up, then once more to judge
     * the end: the check fails if the order is still open or ended in another status, or with a payment that does not
     * go with it.
     */
    private ChainBuilder follow(List<String> ends) {
        List<String> endings = OrderStatuses.endings(ends);
        return exec(session ->
                        session.set("status", "PLACED").set("followUntil", System.nanoTime() + followTimeout.toNanos()))
                .asLongAs(session -> !OrderStatuses.isFinal(session.getString("status"))
                        && System.nanoTime() < session.getLong("followUntil"))
                .on(pause(pollInterval)
                        .exec(http("follow order")
                                .get("#{location}")
                                .check(status().is(200), jsonPath("$.status").saveAs("status"))))
                .exec(http("final state")
                        .get("#{location}")
                        .check(
                                status().is(200),
                                jsonPath("$")
                                        .ofMap()
                                        .transform(order ->
                                                OrderStatuses.describe(order.get("status"), order.get("payment")))
                                        .in(endings),
                                jsonPath("$.status").saveAs("status"),
                                jsonPath("$.timeline").ofList().saveAs("timeline")))
                .exec(this::finished);
    }

    /** Counts the order as finished, timed from its PLACED step to the step of its final status. */
    private Session finished(Session session) {
        if (!session.isFailed() && session.contains("timeline")) {
            List<Map<String, Object>> timeline = session.getList("timeline");
            completions.finished(
                    session.getLong("arrivedAt"),
                    Duration.between(stepAt(timeline, "PLACED"), stepAt(timeline, session.getString("status"))));
        }
        return session;
    }

    private static Instant stepAt(List<Map<String, Object>> timeline, String step) {
        return timeline.stream()
                .filter(s -> step.equals(s.get("status")))
                .map(s -> Instant.parse((String) s.get("at")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + step + " step in " + timeline));
    }
}
