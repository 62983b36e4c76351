package dev.coffeeshop.intake.payment;

import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of a card processor's REST API, in the style of the big ones. One call, one attempt: retries, time limits,
 * the circuit breaker and the bulkhead are {@link ResilientPaymentGateway}'s job.
 *
 * <h2>The API</h2>
 *
 * Every request is a {@code POST} with a JSON body (if any) and the headers {@code Authorization: Bearer <api-key>}
 * and {@code Idempotency-Key: <key>}; the provider answers a repeated key with the first request's answer.
 *
 * <table>
 *   <caption>operations</caption>
 *   <tr><th>operation</th><th>request</th><th>success</th></tr>
 *   <tr><td>authorize</td><td>{@code POST /v1/authorizations {"token","amount","currency"}}</td>
 *       <td>{@code 201 {"id": "pay_..."}}</td></tr>
 *   <tr><td>capture</td><td>{@code POST /v1/authorizations/{id}/capture {"amount"}}</td>
 *       <td>{@code 200 {"id": "ch_..."}}</td></tr>
 *   <tr><td>void</td><td>{@code POST /v1/authorizations/{id}/void} (no body)</td>
 *       <td>{@code 200 {"id": "void_..."}}</td></tr>
 *   <tr><td>refund</td><td>{@code POST /v1/refunds {"payment","amount"}}</td>
 *       <td>{@code 201 {"id": "re_..."}}</td></tr>
 * </table>
 *
 * Amounts are integers in the currency's minor unit (cents), currencies ISO 4217 codes. Any 2xx with an {@code id}
 * is a success; other fields are ignored.
 *
 * <h2>Errors</h2>
 *
 * An error's body is {@code {"code": "...", "message": "..."}} (also accepted nested as {@code {"error": {...}}}).
 *
 * <ul>
 *   <li>{@code 402} (declined), {@code 404} (no such payment), {@code 409} (the payment's state forbids it, e.g.
 *       {@code authorization_voided}, {@code already_captured}), {@code 422} and any other 4xx not listed below:
 *       {@link PaymentDeclinedException} with the body's code (or {@code card_declined}, {@code payment_not_found},
 *       {@code conflict}, {@code invalid_request} when it has none). Asking again will not help.
 *   <li>{@code 409} with code {@code idempotency_key_in_use} (the same key is being processed right now),
 *       {@code 408}, {@code 429}, any 5xx, {@code 401}/{@code 403} (our API key is wrong: an operator's problem, not
 *       the customer's), unreadable answers, refused or dropped connections and timeouts:
 *       {@link PaymentUnavailableException}. The same request with the same key may succeed later.
 * </ul>
 */
class HttpPaymentGateway implements PaymentGateway, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpPaymentGateway.class);

    /** Providers add fields to their answers; only {@code id}, {@code code} and {@code message} matter here. */
    private static final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final HttpClient httpClient;
    private final RestClient rest;

    public HttpPaymentGateway(PaymentProviderProperties.Http settings) {
        this(settings, ObservationRegistry.NOOP);
    }

    /**
     * {@code observations}: each call to the provider is an HTTP client observation there, a span of the caller's
     * trace with the W3C {@code traceparent} header sent along, where tracing is on.
     */
    public HttpPaymentGateway(PaymentProviderProperties.Http settings, ObservationRegistry observations) {
        if (settings.apiKey().isBlank()) {
            throw new IllegalStateException(
                    "coffeeshop.intake.payment-provider.http.api-key (COFFEESHOP_INTAKE_PAYMENT_PROVIDER_HTTP_API_KEY)"
                            + " must be set to use the HTTP payment provider");
        }
        this.httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .build();
        var requests = new JdkClientHttpRequestFactory(httpClient);
        requests.setReadTimeout(settings.readTimeout());
        this.rest = RestClient.builder()
                .baseUrl(settings.baseUrl().toString())
                .requestFactory(requests)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + settings.apiKey())
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .observationRegistry(observations)
                .build();
    }

    @Override
    public Authorization authorize(String paymentToken, long amountCents, String currency, String idempotencyKey) {
        var body = new LinkedHashMap<String, Object>();
        body.put("token", paymentToken);
        body.put("amount", amountCents);
        body.put("currency", currency);
        return new Authorization(post("authorize", idempotencyKey, body, "/v1/authorizations"));
    }

    @Override
    public Capture capture(String paymentId, long amountCents, String idempotencyKey) {
        return new Capture(post(
                "capture",
                idempotencyKey,
                Map.of("amount", amountCents),
                "/v1/authorizations/{id}/capture",
                paymentId));
    }

    @Override
    public Release voidAuthorization(String paymentId, String idempotencyKey) {
        return new Release(post("void", idempotencyKey, null, "/v1/authorizations/{id}/void", paymentId));
    }

    @Override
    public Refund refund(String paymentId, long amountCents, String idempotencyKey) {
        var body = new LinkedHashMap<String, Object>();
        body.put("payment", paymentId);
        body.put("amount", amountCents);
        return new Refund(post("refund", idempotencyKey, body, "/v1/refunds"));
    }

    @Override
    public void close() {
        httpClient.close();
    }

    /** Sends one request and returns the {@code id} of a successful answer. */
    private String post(
            String operation, String idempotencyKey, @Nullable Map<String, Object> body, String path, Object... vars) {
        var request = rest.post().uri(path, vars).header("Idempotency-Key", idempotencyKey);
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
        }
        try {
            return request.exchange((req, response) -> {
                int status = response.getStatusCode().value();
                String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                if (status >= 200 && status < 300) {
                    return idOf(operation, text);
                }
                throw failure(operation, status, text);
            });
        } catch (RestClientException e) {
            // refused, reset or dropped connections, timeouts (ResourceAccessException), and unreadable answers
            throw new PaymentUnavailableException(
                    "The payment provider could not " + operation + ": " + rootMessage(e));
        }
    }

    private static String idOf(String operation, String text) {
        JsonNode answer = parse(text);
        JsonNode id = answer == null ? null : answer.get("id");
        if (id == null || !id.isString() || id.asString().isBlank()) {
            throw new PaymentUnavailableException(
                    "The payment provider's answer to " + operation + " carries no id: " + abbreviate(text));
        }
        return id.asString();
    }

    private static RuntimeException failure(String operation, int status, String text) {
        JsonNode answer = parse(text);
        JsonNode error = answer != null && answer.has("error") ? answer.get("error") : answer;
        String code = field(error, "code");
        String message = field(error, "message");
        String detail = "The payment provider answered " + status + " to " + operation
                + (code != null ? " (" + code + ")" : "") + (message != null ? ": " + message : "");
        if (status == 401 || status == 403) {
            log.error("{}; check coffeeshop.intake.payment-provider.http.api-key", detail);
            return new PaymentUnavailableException(detail);
        }
        if (status == 408 || status == 429 || status >= 500 || status < 400) {
            return new PaymentUnavailableException(detail);
        }
        if (status == 409 && "idempotency_key_in_use".equals(code)) {
            return new PaymentUnavailableException(detail);
        }
        String fallback =
                switch (status) {
                    case 402 -> "card_declined";
                    case 404 -> "payment_not_found";
                    case 409 -> "conflict";
                    default -> "invalid_request";
                };
        return new PaymentDeclinedException(code != null ? code : fallback, message != null ? message : detail);
    }

    private static @Nullable JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(text);
            return node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static @Nullable String field(@Nullable JsonNode node, String name) {
        if (node == null || !node.has(name) || !node.get(name).isString()) {
            return null;
        }
        String value = node.get(name).asString();
        return value.isBlank() ? null : value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }
}
