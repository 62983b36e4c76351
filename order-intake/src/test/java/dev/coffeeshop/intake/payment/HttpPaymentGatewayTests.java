package dev.coffeeshop.intake.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.coffeeshop.testsupport.RealInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The HTTP provider client as the application wires it (Resilience4j instances from configuration, metrics in the
 * application's registry), against a local provider that answers, declines, fails, drops connections and crawls.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "coffeeshop.intake.payment-provider.kind=http",
            "coffeeshop.intake.payment-provider.http.api-key=" + HttpPaymentGatewayTests.API_KEY,
            "coffeeshop.intake.payment-provider.http.connect-timeout=500ms",
            "coffeeshop.intake.payment-provider.http.read-timeout=1s",
            "resilience4j.timelimiter.instances.payment-gateway.timeout-duration=2s",
            "resilience4j.retry.instances.payment-gateway.wait-duration=20ms",
            "resilience4j.retry.instances.payment-gateway.exponential-max-wait-duration=100ms",
            "resilience4j.bulkhead.instances.payment-gateway.max-concurrent-calls=4",
            "resilience4j.bulkhead.instances.payment-gateway.max-wait-duration=0",
            "resilience4j.circuitbreaker.instances.payment-gateway.sliding-window-size=10",
            "resilience4j.circuitbreaker.instances.payment-gateway.minimum-number-of-calls=10",
            "resilience4j.circuitbreaker.instances.payment-gateway.slow-call-duration-threshold=200ms",
            "resilience4j.circuitbreaker.instances.payment-gateway.wait-duration-in-open-state=1s",
            "resilience4j.circuitbreaker.instances.payment-gateway.permitted-number-of-calls-in-half-open-state=2",
        })
@RealInfrastructure
class HttpPaymentGatewayTests {

    static final String API_KEY = "sk_test_coffeeshop";
    static final WireMockServer provider = new WireMockServer(options().dynamicPort());

    static {
        provider.start();
    }

    @DynamicPropertySource
    static void providerUrl(DynamicPropertyRegistry registry) {
        registry.add("coffeeshop.intake.payment-provider.http.base-url", provider::baseUrl);
    }

    @Autowired
    PaymentGateway gateway;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    CircuitBreaker breaker;

    @BeforeEach
    void freshProvider() {
        warmUp();
        provider.resetAll();
        breaker = breakers.circuitBreaker(PaymentGatewayConfiguration.GUARD);
        breaker.reset();
    }

    @AfterAll
    static void stopProvider() {
        provider.stop();
    }

    @Test
    void isTheGuardedHttpClientWhenTheProviderKindIsHttp() {
        assertThat(gateway).isInstanceOf(ResilientPaymentGateway.class);
    }

    @Test
    void authorizesWithTheTokenAmountAndCurrencyUnderItsKeyAndApiKey() {
        // given
        provider.stubFor(post("/v1/authorizations")
                .willReturn(json(201, "{\"id\": \"pay_1\", \"status\": \"authorized\", \"livemode\": false}")));
        String key = key("authorize");

        // when
        var authorization = gateway.authorize("tok_visa", 450, "EUR", key);

        // then
        assertThat(authorization.paymentId()).isEqualTo("pay_1");
        provider.verify(
                1,
                postRequestedFor(urlEqualTo("/v1/authorizations"))
                        .withHeader("Idempotency-Key", equalTo(key))
                        .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                        .withHeader("Content-Type", containing("application/json"))
                        .withRequestBody(
                                equalToJson("{\"token\": \"tok_visa\", \"amount\": 450, \"currency\": \"EUR\"}")));
    }

    @Test
    void capturesTheAuthorizationNamedInThePath() {
        // given
        provider.stubFor(post("/v1/authorizations/pay_1/capture").willReturn(okJson("{\"id\": \"ch_1\"}")));
        String key = key("capture");

        // when
        var capture = gateway.capture("pay_1", 450, key);

        // then
        assertThat(capture.captureId()).isEqualTo("ch_1");
        provider.verify(
                1,
                postRequestedFor(urlEqualTo("/v1/authorizations/pay_1/capture"))
                        .withHeader("Idempotency-Key", equalTo(key))
                        .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                        .withRequestBody(equalToJson("{\"amount\": 450}")));
    }

    @Test
    void voidsTheAuthorizationNamedInThePathWithoutABody() {
        // given
        provider.stubFor(post("/v1/authorizations/pay_1/void").willReturn(okJson("{\"id\": \"void_1\"}")));
        String key = key("void");

        // when
        var release = gateway.voidAuthorization("pay_1", key);

        // then
        assertThat(release.voidId()).isEqualTo("void_1");
        provider.verify(
                1,
                postRequestedFor(urlEqualTo("/v1/authorizations/pay_1/void"))
                        .withHeader("Idempotency-Key", equalTo(key))
                        .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                        .withHeader("Content-Type", absent()));
    }

    @Test
    void refundsThePaymentNamedInTheBody() {
        // given
        provider.stubFor(post("/v1/refunds").willReturn(json(201, "{\"id\": \"re_1\"}")));
        String key = key("refund");

        // when
        var refund = gateway.refund("pay_1", 450, key);

        // then
        assertThat(refund.refundId()).isEqualTo("re_1");
        provider.verify(
                1,
                postRequestedFor(urlEqualTo("/v1/refunds"))
                        .withHeader("Idempotency-Key", equalTo(key))
                        .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                        .withRequestBody(equalToJson("{\"payment\": \"pay_1\", \"amount\": 450}")));
    }

    @Test
    void passesADeclineOnWithItsCodeAfterASingleRequest() {
        // given
        provider.stubFor(post("/v1/authorizations")
                .willReturn(json(402, "{\"code\": \"insufficient_funds\", \"message\": \"Not enough money.\"}")));

        // when / then
        assertThatThrownBy(() -> gateway.authorize("tok_visa", 450, "EUR", key("authorize")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> {
                    assertThat(e.code()).isEqualTo("insufficient_funds");
                    assertThat(e.getMessage()).isEqualTo("Not enough money.");
                });
        assertThat(provider.getAllServeEvents()).hasSize(1);
    }

    @Test
    void declinesWhatThePaymentsStateForbidsWithoutRetrying() {
        // given
        provider.stubFor(post("/v1/authorizations/pay_1/capture")
                .willReturn(json(409, "{\"error\": {\"code\": \"authorization_voided\", \"message\": \"Voided.\"}}")));
        provider.stubFor(post("/v1/refunds").willReturn(json(404, "")));

        // when / then
        assertThatThrownBy(() -> gateway.capture("pay_1", 450, key("capture")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("authorization_voided"));
        assertThatThrownBy(() -> gateway.refund("pay_2", 450, key("refund")))
                .isInstanceOfSatisfying(PaymentDeclinedException.class, e -> assertThat(e.code())
                        .isEqualTo("payment_not_found"));
        assertThat(provider.getAllServeEvents()).hasSize(2);
    }

    @Test
    void retriesAServerErrorWithTheSameKeyAndAnswersOnce() {
        // given
        failingThenSucceeding("/v1/authorizations", 1, aResponse().withStatus(500), json(201, "{\"id\": \"pay_1\"}"));
        String key = key("authorize");

        // when
        var authorization = gateway.authorize("tok_visa", 450, "EUR", key);

        // then
        assertThat(authorization.paymentId()).isEqualTo("pay_1");
        assertThat(keysSent()).containsExactly(key, key);
    }

    @Test
    void retriesWhenTheProviderAsksToSlowDown() {
        // given
        failingThenSucceeding(
                "/v1/authorizations/pay_1/void",
                1,
                json(429, "{\"code\": \"rate_limited\"}"),
                okJson("{\"id\": \"void_1\"}"));
        String key = key("void");

        // when
        var release = gateway.voidAuthorization("pay_1", key);

        // then
        assertThat(release.voidId()).isEqualTo("void_1");
        assertThat(keysSent()).containsExactly(key, key);
    }

    @Test
    void retriesADroppedConnectionWithTheSameKey() {
        // given
        failingThenSucceeding(
                "/v1/authorizations/pay_1/capture",
                1,
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                okJson("{\"id\": \"ch_1\"}"));
        String key = key("capture");

        // when
        var capture = gateway.capture("pay_1", 450, key);

        // then
        assertThat(capture.captureId()).isEqualTo("ch_1");
        assertThat(keysSent()).containsExactly(key, key);
    }

    @Test
    void retriesAnAnswerSlowerThanTheTimeoutWithTheSameKey() {
        // given
        failingThenSucceeding(
                "/v1/authorizations",
                1,
                json(201, "{\"id\": \"pay_late\"}").withFixedDelay(2_500),
                json(201, "{\"id\": \"pay_1\"}"));
        String key = key("authorize");

        // when
        var authorization = gateway.authorize("tok_visa", 450, "EUR", key);

        // then
        assertThat(authorization.paymentId()).isIn("pay_1", "pay_late");
        assertThat(keysSent()).containsExactly(key, key);
    }

    @Test
    void retriesAnAnswerWhoseBodyTricklesInPastTheTimeLimit() {
        // given headers at once, then a body that takes longer than an attempt may
        failingThenSucceeding(
                "/v1/refunds",
                1,
                json(201, "{\"id\": \"re_late\", \"padding\": \"" + "x".repeat(100) + "\"}")
                        .withChunkedDribbleDelay(20, 3_000),
                json(201, "{\"id\": \"re_1\"}"));
        String key = key("refund");

        // when
        var refund = gateway.refund("pay_1", 450, key);

        // then
        assertThat(refund.refundId()).isEqualTo("re_1");
        assertThat(keysSent()).containsExactly(key, key);
    }

    @Test
    void refundsExactlyOnceWhenTheProviderFailsFourTimesThenSucceeds() {
        // given
        failingThenSucceeding("/v1/refunds", 4, aResponse().withStatus(503), json(201, "{\"id\": \"re_1\"}"));
        String key = "refund-" + UUID.randomUUID();

        // when the gateway's own attempts run out, the caller (the refund worker) asks again with the same key
        Refund refund = null;
        List<Exception> failures = new ArrayList<>();
        while (refund == null) {
            try {
                refund = new Refund(gateway.refund("pay_1", 450, key).refundId());
            } catch (PaymentUnavailableException e) {
                failures.add(e);
            }
        }

        // then
        assertThat(refund.id()).isEqualTo("re_1");
        assertThat(failures).hasSize(1);
        assertThat(keysSent()).hasSize(5).containsOnly(key);
        assertThat(provider.getAllServeEvents().stream()
                        .filter(event -> event.getResponse().getStatus() == 201))
                .hasSize(1);
    }

    @Test
    void failsFastWhenTooManyCallsAreInFlight() throws Exception {
        // given
        provider.stubFor(post("/v1/authorizations")
                .willReturn(json(201, "{\"id\": \"pay_1\"}").withFixedDelay(300)));
        int calls = 8;
        var start = new CountDownLatch(1);
        List<Callable<String>> authorizations = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            authorizations.add(() -> {
                start.await();
                return gateway.authorize("tok_visa", 450, "EUR", key("authorize"))
                        .paymentId();
            });
        }

        // when
        List<Future<String>> outcomes;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            outcomes = authorizations.stream().map(executor::submit).toList();
            start.countDown();
        }

        // then
        int rejected = 0;
        for (Future<String> outcome : outcomes) {
            try {
                outcome.get();
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(PaymentUnavailableException.class);
                rejected++;
            }
        }
        assertThat(rejected).isPositive();
        assertThat(provider.getAllServeEvents()).hasSize(calls - rejected);
    }

    @Test
    void keepsTheBreakerClosedWhenTheProviderOnlyDeclines() {
        // given
        provider.stubFor(post("/v1/authorizations").willReturn(json(402, "{\"code\": \"card_declined\"}")));

        // when
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> gateway.authorize("tok_visa", 450, "EUR", key("authorize")))
                    .isInstanceOf(PaymentDeclinedException.class);
        }

        // then
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(provider.getAllServeEvents()).hasSize(20);
    }

    /** F13: the provider is slow or failing half the time. */
    @Test
    void opensTheBreakerWhenTheProviderFailsOrCrawlsHalfTheTimeAndClosesItWhenTheProviderRecovers() {
        // given a provider that answers every other request with 503 and the others slowly
        provider.stubFor(post("/v1/authorizations")
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("answering")
                .willReturn(aResponse().withStatus(503)));
        provider.stubFor(post("/v1/authorizations")
                .inScenario("flaky")
                .whenScenarioStateIs("answering")
                .willSetStateTo(STARTED)
                .willReturn(json(201, "{\"id\": \"pay_slow\"}").withFixedDelay(300)));

        // when the cashier keeps authorizing
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            authorizeIgnoringUnavailability();
            return breaker.getState() == CircuitBreaker.State.OPEN;
        });

        // then the breaker is open, for the metrics too, and calls fail fast without reaching the provider
        assertThat(breakerState("open")).isEqualTo(1.0);
        assertThat(breakerState("closed")).isZero();
        int requestsSoFar = provider.getAllServeEvents().size();
        long started = System.nanoTime();
        assertThatThrownBy(() -> gateway.authorize("tok_visa", 450, "EUR", key("authorize")))
                .isInstanceOf(PaymentUnavailableException.class)
                .hasMessageContaining("circuit breaker");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
        assertThat(provider.getAllServeEvents()).hasSize(requestsSoFar);

        // when the provider recovers
        provider.resetAll();
        provider.stubFor(post("/v1/authorizations").willReturn(json(201, "{\"id\": \"pay_1\"}")));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            authorizeIgnoringUnavailability();
            return breaker.getState() == CircuitBreaker.State.CLOSED;
        });

        // then the breaker has closed again after its half-open probes succeeded
        assertThat(breakerState("closed")).isEqualTo(1.0);
        assertThat(gateway.authorize("tok_visa", 450, "EUR", key("authorize")).paymentId())
                .isEqualTo("pay_1");
    }

    @Test
    void publishesTheGuardsToTheMetrics() {
        // when
        String guard = PaymentGatewayConfiguration.GUARD;

        // then
        assertThat(meters.find("resilience4j.circuitbreaker.state")
                        .tag("name", guard)
                        .gauges())
                .isNotEmpty();
        assertThat(meters.find("resilience4j.circuitbreaker.failure.rate")
                        .tag("name", guard)
                        .gauge())
                .isNotNull();
        assertThat(meters.find("resilience4j.retry.calls").tag("name", guard).meters())
                .isNotEmpty();
        assertThat(meters.find("resilience4j.bulkhead.available.concurrent.calls")
                        .tag("name", guard)
                        .gauge())
                .isNotNull();
        assertThat(meters.find("resilience4j.timelimiter.calls")
                        .tag("name", guard)
                        .meters())
                .isNotEmpty();
    }

    private record Refund(String id) {}

    static boolean warm;

    /**
     * The first requests of a cold JVM (class loading on both ends, the provider's server threads) can take longer
     * than the timeouts these tests set; they would then be retried and spoil the request counts.
     */
    private void warmUp() {
        if (warm) {
            return;
        }
        provider.stubFor(post(anyUrl()).willReturn(json(201, "{\"id\": \"warm\"}")));
        for (int i = 0; i < 5; i++) {
            try {
                gateway.voidAuthorization("pay_warm", key("void"));
            } catch (PaymentUnavailableException e) {
                // still cold
            }
        }
        warm = true;
    }

    private void authorizeIgnoringUnavailability() {
        try {
            gateway.authorize("tok_visa", 450, "EUR", key("authorize"));
        } catch (PaymentUnavailableException e) {
            // expected while the provider misbehaves or the breaker holds calls back
        }
    }

    private double breakerState(String state) {
        return meters.get("resilience4j.circuitbreaker.state")
                .tags("name", PaymentGatewayConfiguration.GUARD, "state", state)
                .gauge()
                .value();
    }

    /** {@code failures} times {@code failure}, then {@code success} for good. */
    private static void failingThenSucceeding(
            String path, int failures, ResponseDefinitionBuilder failure, ResponseDefinitionBuilder success) {
        for (int i = 0; i < failures; i++) {
            provider.stubFor(post(path)
                    .inScenario(path)
                    .whenScenarioStateIs(i == 0 ? STARTED : "failed " + i)
                    .willSetStateTo("failed " + (i + 1))
                    .willReturn(failure));
        }
        provider.stubFor(post(path)
                .inScenario(path)
                .whenScenarioStateIs("failed " + failures)
                .willReturn(success));
    }

    /** The Idempotency-Key of every request the provider received, oldest first. */
    private static List<String> keysSent() {
        return provider.findAll(anyRequestedFor(anyUrl())).stream()
                .map(request -> request.getHeader("Idempotency-Key"))
                .toList()
                .reversed();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private static String key(String operation) {
        return operation + "-" + UUID.randomUUID();
    }
}
