package dev.coffeeshop.intake.operator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.coffeeshop.messaging.staff.OrderTimeline;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks another service what it recorded about an order ({@code GET /staff/orders/{id}/timeline}), with the staff
 * member's own token, so that service decides for itself who may read it. Every way the call can go is an answer for
 * the page: the entries, nothing recorded (404), a refusal, or no answer in time. Nothing here throws.
 */
@Component
class ServiceTimelines {

    /** A service the page asks, and where it answers. */
    record Source(String service, RestClient http) {}

    private final Duration timeout;
    private final Source barista;
    private final Source counter;

    ServiceTimelines(RestClient.Builder builder, OperatorProperties properties) {
        this.timeout = properties.timeout();
        // the builder Spring Boot configures: each call is a client span of the page's request, with traceparent
        this.barista = source("barista-worker", builder, properties.baristaWorkerUrl(), timeout);
        this.counter = source("notification-service", builder, properties.notificationServiceUrl(), timeout);
    }

    List<Source> sources() {
        return List.of(barista, counter);
    }

    Duration timeout() {
        return timeout;
    }

    /** What {@code source} recorded about {@code orderId}, or why it told nothing. */
    Fetched fetch(Source source, UUID orderId, String authorization) {
        try {
            return source.http()
                    .get()
                    .uri("/staff/orders/{id}/timeline", orderId)
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .exchange((request, response) -> {
                        HttpStatus status =
                                HttpStatus.resolve(response.getStatusCode().value());
                        if (status == HttpStatus.OK) {
                            Answer answer = Objects.requireNonNull(response.bodyTo(Answer.class));
                            return answered(source.service(), answer);
                        }
                        if (status == HttpStatus.NOT_FOUND) {
                            return Fetched.nothing(new OrderOverviews.Part(
                                    source.service(),
                                    OrderOverviews.Answer.NOTHING_RECORDED,
                                    0,
                                    source.service() + " has no record of this order"));
                        }
                        boolean refused = status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN;
                        return Fetched.nothing(new OrderOverviews.Part(
                                source.service(),
                                refused ? OrderOverviews.Answer.REFUSED : OrderOverviews.Answer.UNAVAILABLE,
                                0,
                                source.service()
                                        + (refused ? " refused the token: " : " answered ")
                                        + response.getStatusCode().value()));
                    });
        } catch (ResourceAccessException e) {
            return unavailable(source, e);
        } catch (RestClientException | IllegalStateException | NullPointerException e) {
            return Fetched.nothing(new OrderOverviews.Part(
                    source.service(),
                    OrderOverviews.Answer.UNAVAILABLE,
                    0,
                    source.service() + " gave an answer that could not be read"));
        }
    }

    /** The part of a service that did not answer within the time the page waits. */
    Fetched timedOut(Source source) {
        return Fetched.nothing(new OrderOverviews.Part(
                source.service(),
                OrderOverviews.Answer.UNAVAILABLE,
                0,
                source.service() + " did not answer within " + seconds(timeout)));
    }

    private Fetched unavailable(Source source, ResourceAccessException e) {
        Throwable cause = e.getCause();
        String why = cause instanceof HttpTimeoutException
                ? " did not answer within " + seconds(timeout)
                : cause instanceof ConnectException ? " could not be reached" : " did not answer";
        return Fetched.nothing(new OrderOverviews.Part(
                source.service(), OrderOverviews.Answer.UNAVAILABLE, 0, source.service() + why));
    }

    /** The entries as that service gave them, under its name whatever they claim, and only the readable ones. */
    private static Fetched answered(String service, Answer answer) {
        List<OrderTimeline.Entry> entries = answer.entries() == null
                ? List.of()
                : answer.entries().stream()
                        .filter(e -> e != null && e.at() != null && e.summary() != null)
                        .map(e -> new OrderTimeline.Entry(
                                e.at(), service, e.step() == null ? "" : e.step(), e.summary(), e.detail()))
                        .toList();
        return new Fetched(
                new OrderOverviews.Part(service, OrderOverviews.Answer.ANSWERED, entries.size(), null), entries);
    }

    private static Source source(String service, RestClient.Builder builder, URI baseUrl, Duration timeout) {
        var factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        factory.setReadTimeout(timeout);
        return new Source(
                service,
                builder.clone()
                        .baseUrl(baseUrl.toString())
                        .requestFactory(factory)
                        .build());
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** What one service gave: how its part went, and its entries. */
    record Fetched(OrderOverviews.Part part, List<OrderTimeline.Entry> entries) {

        static Fetched nothing(OrderOverviews.Part part) {
            return new Fetched(part, List.of());
        }
    }

    /** A service's answer as read here: only what the page uses; anything else it sends is ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(@Nullable List<AnsweredEntry> entries) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AnsweredEntry(
            @Nullable Instant at,
            @Nullable String step,
            @Nullable String summary,
            @Nullable String detail) {}
}
