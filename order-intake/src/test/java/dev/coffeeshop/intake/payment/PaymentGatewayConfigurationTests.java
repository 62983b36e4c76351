package dev.coffeeshop.intake.payment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wiring's refusals: guards that would retry or count declines, an HTTP provider without an API key. */
class PaymentGatewayConfigurationTests {

    final Retry retryingUnavailability = Retry.of(
            "payment-gateway",
            RetryConfig.custom()
                    .retryExceptions(PaymentUnavailableException.class)
                    .build());
    final CircuitBreaker recordingUnavailability = CircuitBreaker.of(
            "payment-gateway",
            CircuitBreakerConfig.custom()
                    .recordExceptions(PaymentUnavailableException.class)
                    .build());

    @Test
    void acceptsGuardsThatRetryAndCountOnlyUnavailability() {
        assertThatCode(() -> PaymentGatewayConfiguration.requireDeclinesPassThrough(
                        retryingUnavailability, recordingUnavailability))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesARetryThatWouldRetryDeclines() {
        // given a retry left at its defaults, which retry every exception
        var retryingEverything = Retry.of("payment-gateway", RetryConfig.ofDefaults());

        // when / then
        assertThatThrownBy(() -> PaymentGatewayConfiguration.requireDeclinesPassThrough(
                        retryingEverything, recordingUnavailability))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("resilience4j.retry.instances.payment-gateway");
    }

    @Test
    void refusesABreakerThatWouldCountDeclinesAsFailures() {
        // given a breaker left at its defaults, which records every exception
        var recordingEverything = CircuitBreaker.of("payment-gateway", CircuitBreakerConfig.ofDefaults());

        // when / then
        assertThatThrownBy(() -> PaymentGatewayConfiguration.requireDeclinesPassThrough(
                        retryingUnavailability, recordingEverything))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("resilience4j.circuitbreaker.instances.payment-gateway");
    }

    @Test
    void refusesAnHttpProviderWithoutAnApiKey() {
        // given
        var settings = new PaymentProviderProperties.Http(
                URI.create("http://localhost:8090"), " ", Duration.ofSeconds(1), Duration.ofSeconds(2));

        // when / then
        assertThatThrownBy(() -> new HttpPaymentGateway(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("COFFEESHOP_INTAKE_PAYMENT_PROVIDER_HTTP_API_KEY");
    }
}
