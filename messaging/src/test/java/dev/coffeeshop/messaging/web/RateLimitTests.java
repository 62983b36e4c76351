package dev.coffeeshop.messaging.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * Bursts against the real embedded Tomcat, each test from a loopback address of its own (127.0.0.x), so that each
 * is a client of its own: exactly the budget is served, then 429 with {@code Retry-After} and a problem body.
 */
@SpringBootTest(
        classes = {LimitsTestApplication.class, RateLimitTests.Meters.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "coffeeshop.http.rate-limit.writes=3",
            "coffeeshop.http.rate-limit.reads=5",
            "coffeeshop.http.rate-limit.period=2s"
        })
class RateLimitTests {

    static final String ORDER = "{\"drink\":\"latte\"}";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void servesExactlyTheBudgetOfABurstThenRefusesWithRetryAfterAndAProblem() throws IOException {
        // given
        String client = "127.0.0.2";
        double throttledBefore = throttled("writes");

        // when
        var answers = new ArrayList<Answer>();
        for (int i = 0; i < 8; i++) {
            answers.add(post(client));
        }

        // then
        assertThat(answers.stream().map(Answer::status).toList())
                .containsExactly(200, 200, 200, 429, 429, 429, 429, 429);
        Answer refused = answers.get(3);
        assertThat(refused.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(refused.body()).contains("\"status\":429").contains("\"title\":\"Too Many Requests\"");
        assertThat(Long.parseLong(refused.headers().get("retry-after"))).isBetween(1L, 2L);
        assertThat(throttled("writes") - throttledBefore).isEqualTo(5);
    }

    @Test
    void leavesAnotherClientAlone() throws IOException {
        // given
        String greedy = "127.0.0.3";
        String other = "127.0.0.4";
        for (int i = 0; i < 4; i++) {
            post(greedy);
        }

        // when
        Answer greedyAgain = post(greedy);
        Answer others = post(other);

        // then
        assertThat(greedyAgain.status()).isEqualTo(429);
        assertThat(others.status()).isEqualTo(200);
    }

    @Test
    void countsReadsApartFromWrites() throws IOException {
        // given
        String client = "127.0.0.5";
        for (int i = 0; i < 4; i++) {
            post(client);
        }

        // when
        var reads = new ArrayList<Integer>();
        for (int i = 0; i < 6; i++) {
            reads.add(send(client, "GET /echo", null).status());
        }

        // then
        assertThat(reads).containsExactly(200, 200, 200, 200, 200, 429);
    }

    @Test
    void servesTheClientAgainOnceThePeriodIsOver() throws IOException {
        // given
        String client = "127.0.0.6";
        for (int i = 0; i < 4; i++) {
            post(client);
        }
        assertThat(post(client).status()).isEqualTo(429);

        // when / then
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> post(client).status() == 200);
    }

    @Test
    void neverLimitsTheProbes() throws IOException {
        // given
        String client = "127.0.0.7";
        for (int i = 0; i < 6; i++) {
            send(client, "GET /echo", null);
        }

        // when
        var probes = new ArrayList<Integer>();
        for (int i = 0; i < 20; i++) {
            probes.add(send(client, "GET " + (i % 2 == 0 ? "/livez" : "/readyz"), null)
                    .status());
        }

        // then: this application has no probes, so they are unknown paths, but never refused for the rate
        assertThat(probes).doesNotContain(429);
    }

    private double throttled(String budget) {
        var counter = meters.find("coffeeshop.requests.throttled")
                .tag("budget", budget)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private Answer post(String client) throws IOException {
        return send(client, "POST /echo", ORDER);
    }

    /** One request on a connection from {@code client}, a loopback address: Linux accepts all of 127.0.0.0/8. */
    private Answer send(String client, String requestLine, String json) throws IOException {
        try (var socket = new Socket()) {
            socket.bind(new InetSocketAddress(client, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            var head = new StringBuilder(requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            if (json != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ")
                        .append(body.length)
                        .append("\r\n");
            }
            head.append("\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return Answer.read(socket.getInputStream());
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {

        static Answer read(InputStream in) throws IOException {
            var bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            String text = bytes.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            List<String> lines = List.of(text.substring(0, split).split("\r\n"));
            var headers = new TreeMap<String, String>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
            return new Answer(Integer.parseInt(lines.get(0).split(" ")[1]), headers, text.substring(split + 4));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Meters {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
