package dev.coffeeshop.intake.payment;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Guards a provider that is reached over the network. Each call goes through, from the outside in:
 *
 * <ol>
 *   <li>{@link Retry}: retries {@link PaymentUnavailableException} only, with exponential back-off and jitter, each
 *       attempt with the same idempotency key (so the provider performs the operation at most once). Declines, an
 *       open breaker and a full bulkhead are not retried.
 *   <li>{@link Bulkhead} (semaphore): bounds the calls in flight to the provider, so a slow provider cannot take all
 *       request threads; a full bulkhead is {@link PaymentUnavailableException} at once. It sits outside the breaker:
 *       our own limit is not the provider's failure.
 *   <li>{@link CircuitBreaker}: counts attempts that failed with {@link PaymentUnavailableException} (declines are
 *       answers, they count as successes) and attempts slower than its slow-call threshold; opened, it rejects calls
 *       without reaching the provider ({@link PaymentUnavailableException}), then lets a few probes through.
 *   <li>{@link TimeLimiter}: bounds one attempt, the answer's body included, on top of the HTTP read timeout.
 * </ol>
 *
 * One set of instances guards the whole provider: authorizations, captures, voids and refunds fail together when the
 * provider is down, so one breaker learns from all of them and opens for all of them.
 */
class ResilientPaymentGateway implements PaymentGateway, AutoCloseable {

    private final PaymentGateway provider;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final TimeLimiter timeLimiter;
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();

    public ResilientPaymentGateway(
            PaymentGateway provider, Retry retry, Bulkhead bulkhead, CircuitBreaker breaker, TimeLimiter timeLimiter) {
        this.provider = provider;
        this.retry = retry;
        this.bulkhead = bulkhead;
        this.breaker = breaker;
        this.timeLimiter = timeLimiter;
    }

    @Override
    public Authorization authorize(String paymentToken, long amountCents, String currency, String idempotencyKey) {
        return guarded(() -> provider.authorize(paymentToken, amountCents, currency, idempotencyKey));
    }

    @Override
    public Capture capture(String paymentId, long amountCents, String idempotencyKey) {
        return guarded(() -> provider.capture(paymentId, amountCents, idempotencyKey));
    }

    @Override
    public Release voidAuthorization(String paymentId, String idempotencyKey) {
        return guarded(() -> provider.voidAuthorization(paymentId, idempotencyKey));
    }

    @Override
    public Refund refund(String paymentId, long amountCents, String idempotencyKey) {
        return guarded(() -> provider.refund(paymentId, amountCents, idempotencyKey));
    }

    @Override
    public void close() {
        attempts.shutdownNow();
        if (provider instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the payment provider's client", e);
            }
        }
    }

    private <T> T guarded(Supplier<T> call) {
        Callable<T> attempt = () -> withinTimeLimit(call);
        Callable<T> broken = CircuitBreaker.decorateCallable(breaker, attempt);
        Callable<T> bounded = Bulkhead.decorateCallable(bulkhead, broken);
        Callable<T> retried = Retry.decorateCallable(retry, bounded);
        try {
            return retried.call();
        } catch (CallNotPermittedException e) {
            throw new PaymentUnavailableException(
                    "The payment provider is failing; calls are held back for now (circuit breaker " + breaker.getName()
                            + " is " + breaker.getState() + ").");
        } catch (BulkheadFullException e) {
            throw new PaymentUnavailableException("Too many calls to the payment provider are in flight (bulkhead "
                    + bulkhead.getName() + " is full).");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PaymentUnavailableException("The payment provider call failed: " + e);
        }
    }

    private <T> T withinTimeLimit(Supplier<T> call) throws Exception {
        try {
            return timeLimiter.executeFutureSupplier(() -> attempts.submit(call::get));
        } catch (TimeoutException e) {
            throw new PaymentUnavailableException("The payment provider did not answer within "
                    + timeLimiter.getTimeLimiterConfig().getTimeoutDuration() + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentUnavailableException("Interrupted while waiting for the payment provider.");
        }
    }
}
