package dev.coffeeshop.intake.payment;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the payment provider chosen by {@code coffeeshop.intake.payment-provider.kind}. The choice is made when the
 * bean is created, from the bound properties, not by conditions: an ahead-of-time compiled application would freeze
 * conditions at build time.
 */
@Configuration(proxyBeanMethods = false)
class PaymentGatewayConfiguration {

    /**
     * The name of the Resilience4j instances ({@code resilience4j.retry.instances.payment-gateway},
     * {@code ...circuitbreaker...}, {@code ...bulkhead...}, {@code ...timelimiter...}) guarding the HTTP provider.
     */
    public static final String GUARD = "payment-gateway";

    @Bean
    @ConditionalOnMissingBean
    PaymentGateway paymentGateway(
            PaymentProviderProperties properties,
            ObjectProvider<JdbcClient> jdbc,
            ObjectProvider<PlatformTransactionManager> transactions,
            ObjectProvider<RetryRegistry> retries,
            ObjectProvider<BulkheadRegistry> bulkheads,
            ObjectProvider<CircuitBreakerRegistry> breakers,
            ObjectProvider<TimeLimiterRegistry> timeLimiters,
            ObjectProvider<ObservationRegistry> observations) {
        return switch (properties.kind()) {
            case SANDBOX -> {
                // the sandbox's records are its own, apart from any transaction of the caller
                var ownTransaction = new TransactionTemplate(transactions.getObject());
                ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
                yield new SandboxPaymentGateway(jdbc.getObject(), ownTransaction, properties.sandbox());
            }
            case HTTP -> {
                Retry retry = retries.getObject().retry(GUARD);
                CircuitBreaker breaker = breakers.getObject().circuitBreaker(GUARD);
                requireDeclinesPassThrough(retry, breaker);
                yield new ResilientPaymentGateway(
                        new HttpPaymentGateway(
                                properties.http(), observations.getIfAvailable(() -> ObservationRegistry.NOOP)),
                        retry,
                        bulkheads.getObject().bulkhead(GUARD),
                        breaker,
                        timeLimiters.getObject().timeLimiter(GUARD));
            }
        };
    }

    /**
     * A decline is an answer: retrying it cannot change it and it says nothing bad about the provider's health. Both
     * depend on the {@code retry-exceptions} and {@code record-exceptions} settings; refuse to start without them.
     */
    static void requireDeclinesPassThrough(Retry retry, CircuitBreaker breaker) {
        var decline = new PaymentDeclinedException("card_declined", "probe");
        var unavailable = new PaymentUnavailableException("probe");
        if (retry.getRetryConfig().getExceptionPredicate().test(decline)
                || !retry.getRetryConfig().getExceptionPredicate().test(unavailable)) {
            throw new IllegalStateException("resilience4j.retry.instances." + GUARD
                    + " must retry PaymentUnavailableException only (retry-exceptions)");
        }
        if (breaker.getCircuitBreakerConfig().getRecordExceptionPredicate().test(decline)
                || !breaker.getCircuitBreakerConfig()
                        .getRecordExceptionPredicate()
                        .test(unavailable)) {
            throw new IllegalStateException("resilience4j.circuitbreaker.instances." + GUARD
                    + " must record PaymentUnavailableException only (record-exceptions)");
        }
    }
}
