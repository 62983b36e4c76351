package dev.coffeeshop.intake.payment;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which payment provider the cashier talks to, and how.
 *
 * @param kind {@code sandbox} (default: {@link SandboxPaymentGateway}, in process, no account needed) or {@code http}
 *     ({@link HttpPaymentGateway} guarded by Resilience4j, see {@link ResilientPaymentGateway});
 *     {@code COFFEESHOP_INTAKE_PAYMENT_PROVIDER_KIND}
 * @param sandbox how the sandbox misbehaves, like a provider's test mode
 * @param http where the provider's REST API is and how long to wait for it
 */
@ConfigurationProperties("coffeeshop.intake.payment-provider")
public record PaymentProviderProperties(
        @DefaultValue("sandbox") Kind kind,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Http http) {

    public enum Kind {
        SANDBOX,
        HTTP
    }

    /**
     * @param latency how long every sandbox call takes ({@code COFFEESHOP_INTAKE_PAYMENT_PROVIDER_SANDBOX_LATENCY},
     *     default 0)
     * @param failureRate the share of calls, 0.0 to 1.0, that fail as unavailable before anything is recorded
     *     ({@code COFFEESHOP_INTAKE_PAYMENT_PROVIDER_SANDBOX_FAILURE_RATE}, default 0.0)
     */
    public record Sandbox(
            @DefaultValue("0ms") Duration latency,
            @DefaultValue("0.0") double failureRate) {

        public Sandbox {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("the sandbox latency must not be negative: " + latency);
            }
            if (failureRate < 0.0 || failureRate > 1.0) {
                throw new IllegalArgumentException(
                        "the sandbox failure rate must be within 0.0 and 1.0: " + failureRate);
            }
        }
    }

    /**
     * @param baseUrl the provider's API root, {@code /v1/...} is appended
     *     ({@code COFFEESHOP_INTAKE_PAYMENT_PROVIDER_HTTP_BASE_URL}, default {@code http://localhost:8090})
     * @param apiKey the secret sent as {@code Authorization: Bearer <api-key>}; required with kind {@code http}
     *     ({@code COFFEESHOP_INTAKE_PAYMENT_PROVIDER_HTTP_API_KEY})
     * @param connectTimeout how long to wait for a connection ({@code ..._HTTP_CONNECT_TIMEOUT}, default 1s)
     * @param readTimeout how long to wait for an answer once the request is sent ({@code ..._HTTP_READ_TIMEOUT},
     *     default 2s); the {@code payment-gateway} time limiter bounds a whole attempt on top of it
     */
    public record Http(
            @DefaultValue("http://localhost:8090") URI baseUrl,
            @DefaultValue("") String apiKey,
            @DefaultValue("1s") Duration connectTimeout,
            @DefaultValue("2s") Duration readTimeout) {

        @Override
        public String toString() {
            // never log the key
            return "Http[baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isBlank() ? "<none>" : "<set>")
                    + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
        }
    }
}
