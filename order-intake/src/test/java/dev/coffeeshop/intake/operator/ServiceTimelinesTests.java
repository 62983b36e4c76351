package dev.coffeeshop.intake.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffeeshop.intake.operator.StandInService.Behaviour;
import dev.coffeeshop.messaging.staff.OrderTimeline;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** Asking another service for its part of an order, over real HTTP: every way it can go is an answer, none throws. */
class ServiceTimelinesTests {

    static final String STAFF = "Bearer staff-token";

    @AutoClose
    final StandInService barista = new StandInService("barista-worker");

    final UUID order = UUID.randomUUID();

    @Test
    void readsTheEntriesUnderTheNameOfTheServiceAskedWithTheCallersToken() {
        // given
        Instant placed = Instant.parse("2026-12-02T10:00:00Z");
        var steps = new LinkedHashMap<String, Instant>();
        steps.put("PREPARATION_STARTED", placed.plusMillis(40));
        steps.put("HANDED_OVER", placed.plusMillis(900));
        barista.recorded(order, steps);
        ServiceTimelines timelines = timelines(barista.url(), Duration.ofSeconds(2));

        // when
        ServiceTimelines.Fetched fetched = timelines.fetch(timelines.sources().getFirst(), order, STAFF);

        // then
        assertThat(fetched.part().answer()).isEqualTo(OrderOverviews.Answer.ANSWERED);
        assertThat(fetched.part().entries()).isEqualTo(2);
        assertThat(fetched.entries())
                .extracting(OrderTimeline.Entry::step)
                .containsExactly("PREPARATION_STARTED", "HANDED_OVER");
        assertThat(fetched.entries()).allSatisfy(e -> assertThat(e.service()).isEqualTo("barista-worker"));
        assertThat(barista.authorizations()).containsExactly(STAFF);
    }

    @Test
    void saysWhenTheServiceHasNoRecordOfTheOrder() {
        // given
        ServiceTimelines timelines = timelines(barista.url(), Duration.ofSeconds(2));

        // when
        ServiceTimelines.Fetched fetched = timelines.fetch(timelines.sources().getFirst(), order, STAFF);

        // then
        assertThat(fetched.part().answer()).isEqualTo(OrderOverviews.Answer.NOTHING_RECORDED);
        assertThat(fetched.part().message()).isEqualTo("barista-worker has no record of this order");
        assertThat(fetched.entries()).isEmpty();
    }

    @Test
    void saysWhenTheServiceRefusesTheTokenOrFails() {
        // given
        ServiceTimelines timelines = timelines(barista.url(), Duration.ofSeconds(2));

        // when
        barista.behave(Behaviour.REFUSES);
        var refused = timelines.fetch(timelines.sources().getFirst(), order, STAFF);
        barista.behave(Behaviour.FAILS);
        var failed = timelines.fetch(timelines.sources().getFirst(), order, STAFF);

        // then
        assertThat(refused.part().answer()).isEqualTo(OrderOverviews.Answer.REFUSED);
        assertThat(refused.part().message()).isEqualTo("barista-worker refused the token: 403");
        assertThat(failed.part().answer()).isEqualTo(OrderOverviews.Answer.UNAVAILABLE);
        assertThat(failed.part().message()).isEqualTo("barista-worker answered 503");
    }

    @Test
    void saysWhenTheServiceDoesNotAnswerInTime() {
        // given
        barista.behave(Behaviour.HANGS);
        ServiceTimelines timelines = timelines(barista.url(), Duration.ofMillis(300));

        // when
        long started = System.nanoTime();
        var fetched = timelines.fetch(timelines.sources().getFirst(), order, STAFF);

        // then
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(fetched.part().answer()).isEqualTo(OrderOverviews.Answer.UNAVAILABLE);
        assertThat(fetched.part().message()).isEqualTo("barista-worker did not answer within 300 ms");
    }

    @Test
    void saysWhenTheServiceCannotBeReached() throws IOException {
        // given
        ServiceTimelines timelines = timelines("http://127.0.0.1:" + closedPort(), Duration.ofSeconds(2));

        // when
        var fetched = timelines.fetch(timelines.sources().getFirst(), order, STAFF);

        // then
        assertThat(fetched.part().answer()).isEqualTo(OrderOverviews.Answer.UNAVAILABLE);
        assertThat(fetched.part().message()).isEqualTo("barista-worker could not be reached");
    }

    private static ServiceTimelines timelines(String baristaUrl, Duration timeout) {
        var properties = new OperatorProperties(
                URI.create(baristaUrl),
                URI.create("http://127.0.0.1:9"),
                timeout,
                null,
                new OperatorProperties.SignIn(null, "counter", "openid staff orders:read"));
        return new ServiceTimelines(RestClient.builder(), properties);
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
