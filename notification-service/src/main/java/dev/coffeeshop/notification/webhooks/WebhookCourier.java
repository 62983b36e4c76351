package dev.coffeeshop.notification.webhooks;

import dev.coffeeshop.messaging.logging.OrderLogContext;
import dev.coffeeshop.messaging.tracing.Traceparents;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due webhook deliveries: claims a batch, posts each signed body concurrently (one virtual thread each) outside
 * any transaction, then records all outcomes in one transaction.
 *
 * <p>2xx is delivered. 408, 425, 429, 5xx, timeouts and connection failures are retried with exponential back-off and
 * jitter, and parked after {@code max-attempts}. Redirects and other 4xx are parked at once: the receiver answered,
 * and asking again would not change its answer. A destination refused by the {@link DestinationGuard} is parked
 * without being called. While a destination's circuit breaker is open its deliveries wait without an attempt.
 */
@Component
class WebhookCourier {

    static final String DELIVERY_ID = "Coffeeshop-Delivery-Id";
    static final String BREAKER_CONFIG = "webhook";

    private static final Logger log = LoggerFactory.getLogger(WebhookCourier.class);

    private final Webhooks webhooks;
    private final WebhookSigner signer;
    private final DestinationGuard guard;
    private final CircuitBreakerRegistry breakers;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final WebhookProperties properties;
    private final HttpClient http;
    private final Traceparents traces;

    WebhookCourier(
            Webhooks webhooks,
            WebhookSigner signer,
            DestinationGuard guard,
            CircuitBreakerRegistry breakers,
            TransactionTemplate transactions,
            MeterRegistry meters,
            Clock clock,
            WebhookProperties properties,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        this.traces = Traceparents.of(tracer, propagator);
        this.webhooks = webhooks;
        this.signer = signer;
        this.guard = guard;
        this.breakers = breakers;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    @Scheduled(
            fixedDelayString = "${coffeeshop.notification.webhooks.poll-interval:500ms}",
            initialDelayString = "${coffeeshop.notification.webhooks.poll-interval:500ms}")
    void deliverDue() {
        try {
            while (deliverBatch() == properties.batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            log.warn("Could not deliver webhooks this round: {}", e.toString());
        }
    }

    /** One round: claims, sends and records a batch; returns how many it claimed. */
    int deliverBatch() {
        Instant now = clock.instant();
        List<Webhooks.Claimed> claimed = transactions.execute(
                tx -> webhooks.claimDue(now, now.plus(properties.lease()), properties.batchSize()));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        List<Outcome> outcomes = new ArrayList<>(claimed.size());
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> futures = claimed.stream()
                    .map(delivery -> senders.submit(() -> attempt(delivery)))
                    .toList();
            for (int i = 0; i < futures.size(); i++) {
                outcomes.add(outcome(claimed.get(i), futures.get(i)));
            }
        }
        transactions.executeWithoutResult(tx -> outcomes.forEach(this::record));
        return claimed.size();
    }

    private Outcome outcome(Webhooks.Claimed delivery, Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(delivery, Result.RETRY, "interrupted");
        } catch (Exception e) {
            return new Outcome(delivery, Result.RETRY, e.toString());
        }
    }

    /**
     * One attempt, in a span of the order's trace (a child of the span the delivery was owed in), whose context the
     * request carries to the receiver in its {@code traceparent} header.
     */
    private Outcome attempt(Webhooks.Claimed delivery) {
        return OrderLogContext.about(
                delivery.orderId(),
                () -> traces.inSpan(delivery.traceparent(), "webhook " + delivery.kind(), () -> attemptNow(delivery)));
    }

    private Outcome attemptNow(Webhooks.Claimed delivery) {
        URI url;
        try {
            url = new URI(delivery.url());
            guard.check(url);
        } catch (URISyntaxException e) {
            return new Outcome(delivery, Result.REFUSED, "refused: not a URL: " + e.getMessage());
        } catch (DestinationGuard.RefusedDestinationException e) {
            return new Outcome(delivery, Result.REFUSED, "refused: " + e.getMessage());
        }
        CircuitBreaker breaker = breakers.circuitBreaker(breakerName(url), BREAKER_CONFIG);
        if (!breaker.tryAcquirePermission()) {
            return new Outcome(delivery, Result.DEFERRED, "circuit breaker " + breaker.getName() + " is open");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request(url, delivery), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            Result result = result(status);
            if (result == Result.RETRY) {
                breaker.onError(
                        System.nanoTime() - start,
                        TimeUnit.NANOSECONDS,
                        new IOException("the receiver answered " + status));
            } else {
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            return new Outcome(delivery, result, result == Result.DELIVERED ? null : "the receiver answered " + status);
        } catch (HttpTimeoutException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return new Outcome(delivery, Result.RETRY, "timed out: " + e.getMessage());
        } catch (IOException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return new Outcome(delivery, Result.RETRY, "could not reach the receiver: " + e);
        } catch (InterruptedException e) {
            breaker.releasePermission();
            Thread.currentThread().interrupt();
            return new Outcome(delivery, Result.RETRY, "interrupted");
        }
    }

    private HttpRequest request(URI url, Webhooks.Claimed delivery) {
        long t = clock.instant().getEpochSecond();
        var request = HttpRequest.newBuilder(url);
        String traceparent = traces.current();
        if (traceparent != null) {
            request.header(Traceparents.TRACEPARENT, traceparent);
        }
        return request.timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "coffeeshop-webhooks/1")
                .header(DELIVERY_ID, delivery.id().toString())
                .header(WebhookSigner.HEADER, signer.signature(url, t, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.payload()))
                .build();
    }

    private static Result result(int status) {
        if (status >= 200 && status < 300) {
            return Result.DELIVERED;
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return Result.RETRY;
        }
        return Result.REJECTED;
    }

    /** One breaker per destination: host and port, so two receivers behind one host do not share a fate. */
    static String breakerName(URI url) {
        String origin = WebhookSigner.origin(url);
        return "webhook-" + origin.substring(origin.indexOf("://") + 3);
    }

    /** What came of one attempt, written down; its lines logged with the order it is for. */
    private void record(Outcome outcome) {
        OrderLogContext.about(outcome.delivery().orderId(), () -> recordNow(outcome));
    }

    private void recordNow(Outcome outcome) {
        Webhooks.Claimed delivery = outcome.delivery();
        Instant now = clock.instant();
        int attempt = delivery.attempts() + 1;
        switch (outcome.result()) {
            case DELIVERED -> {
                webhooks.delivered(delivery.id(), now);
                count("coffeeshop.webhooks.delivered", delivery);
            }
            case DEFERRED -> {
                webhooks.deferTo(
                        delivery.id(), outcome.error(), now.plus(jittered(properties.breakerOpenDelay())), now);
                count("coffeeshop.webhooks.deferred", delivery);
            }
            case REFUSED -> {
                log.warn("Refused to deliver {} of order {}: {}", delivery.id(), delivery.orderId(), outcome.error());
                webhooks.park(delivery.id(), outcome.error(), false, now);
                count("coffeeshop.webhooks.refused", delivery);
                count("coffeeshop.webhooks.parked", delivery);
            }
            case REJECTED -> {
                log.warn("Parked delivery {} of order {}: {}", delivery.id(), delivery.orderId(), outcome.error());
                webhooks.park(delivery.id(), outcome.error(), true, now);
                count("coffeeshop.webhooks.parked", delivery);
            }
            case RETRY -> {
                if (attempt >= properties.maxAttempts()) {
                    log.warn(
                            "Parked delivery {} of order {} after {} attempts: {}",
                            delivery.id(),
                            delivery.orderId(),
                            attempt,
                            outcome.error());
                    webhooks.park(delivery.id(), outcome.error(), true, now);
                    count("coffeeshop.webhooks.parked", delivery);
                } else {
                    webhooks.retryAt(delivery.id(), outcome.error(), now.plus(backoff(attempt)), now);
                    count("coffeeshop.webhooks.retried", delivery);
                }
            }
        }
    }

    /** initial-backoff doubled per failed attempt, at most max-backoff, then jittered. */
    Duration backoff(int failedAttempts) {
        long initial = properties.initialBackoff().toMillis();
        long max = properties.maxBackoff().toMillis();
        long millis = initial << Math.min(failedAttempts - 1, 30);
        return jittered(Duration.ofMillis(millis <= 0 || millis > max ? max : millis));
    }

    /** Somewhere between half and all of {@code wait}, so receivers that failed together are not retried together. */
    private static Duration jittered(Duration wait) {
        long millis = Math.max(1, wait.toMillis());
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private void count(String name, Webhooks.Claimed delivery) {
        meters.counter(name, "kind", delivery.kind()).increment();
    }

    enum Result {
        DELIVERED,
        RETRY,
        REJECTED,
        REFUSED,
        DEFERRED
    }

    record Outcome(
            Webhooks.Claimed delivery,
            Result result,
            @Nullable String error) {}
}
