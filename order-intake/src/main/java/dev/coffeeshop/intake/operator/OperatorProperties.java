package dev.coffeeshop.intake.operator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the operator's order page, {@code coffeeshop.operator.*}.
 *
 * @param baristaWorkerUrl where order-intake reaches barista-worker's HTTP API
 *     ({@code COFFEESHOP_OPERATOR_BARISTAWORKERURL})
 * @param notificationServiceUrl where it reaches notification-service's ({@code COFFEESHOP_OPERATOR_NOTIFICATIONSERVICEURL})
 * @param timeout how long the page waits for each of them: connecting and the whole answer. Short, because a service
 *     that does not answer in time is shown as such beside the others' parts rather than holding the page up
 * @param traceViewerUrl a link to an order's trace, {@code {orderId}} standing for the order's id and {@code {endTs}}
 *     for the time the page was made (milliseconds since the epoch), e.g. Zipkin's search by the {@code order.id} tag,
 *     which looks back from an end time ({@code COFFEESHOP_OPERATOR_TRACEVIEWERURL}); none when not set
 * @param signIn how the page signs a staff member in
 */
@Validated
@ConfigurationProperties("coffeeshop.operator")
public record OperatorProperties(
        @DefaultValue("http://localhost:8081") @NotNull URI baristaWorkerUrl,
        @DefaultValue("http://localhost:8082") @NotNull URI notificationServiceUrl,
        @DefaultValue("2s") @NotNull Duration timeout,
        @Nullable String traceViewerUrl,
        @DefaultValue @Valid SignIn signIn) {

    static final String ORDER_ID = "{orderId}";
    static final String END_TS = "{endTs}";

    public OperatorProperties {
        requireHttp("barista-worker-url", baristaWorkerUrl);
        requireHttp("notification-service-url", notificationServiceUrl);
        if (timeout != null
                && (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0)) {
            throw new IllegalArgumentException(
                    "coffeeshop.operator.timeout must be more than 0 and at most 1m, not " + timeout);
        }
        if (traceViewerUrl != null && traceViewerUrl.isBlank()) {
            traceViewerUrl = null;
        }
        if (traceViewerUrl != null) {
            if (!traceViewerUrl.contains(ORDER_ID)) {
                throw new IllegalArgumentException("coffeeshop.operator.trace-viewer-url must contain " + ORDER_ID
                        + " where the order's id goes, not " + traceViewerUrl);
            }
            requireHttp(
                    "trace-viewer-url",
                    URI.create(traceViewerUrl.replace(ORDER_ID, "order").replace(END_TS, "0")));
        }
    }

    /**
     * @param authorizationServer the identity provider as the staff member's browser reaches it; the issuer the
     *     services trust ({@code coffeeshop.security.issuer}) when not set
     * @param clientId the public client the page signs in with: the staff's ({@code counter}), authorization code
     *     with PKCE
     * @param scope what the page asks for: the staff endpoints, and reading orders
     */
    public record SignIn(
            @Nullable URI authorizationServer,
            @DefaultValue("counter") @NotBlank String clientId,

            @DefaultValue("openid staff orders:read") @NotBlank
            String scope) {

        public SignIn {
            if (authorizationServer != null) {
                requireHttp("sign-in.authorization-server", authorizationServer);
            }
        }
    }

    /** The link to the order's trace as of {@code now}, if a trace viewer is set. */
    @Nullable
    String traceOf(UUID orderId, Instant now) {
        return traceViewerUrl == null
                ? null
                : traceViewerUrl
                        .replace(ORDER_ID, orderId.toString())
                        .replace(END_TS, Long.toString(now.toEpochMilli()));
    }

    private static void requireHttp(String setting, @Nullable URI url) {
        if (url == null) {
            return;
        }
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException(
                    "coffeeshop.operator." + setting + " must be an absolute http or https URL, not " + url);
        }
    }
}
