package dev.coffeeshop.messaging.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hostile requests sent byte by byte to the real embedded Tomcat: every refusal is a problem body, and an oversized
 * body is refused before it is read. The body limit is raised here so that the JSON limits can be reached at all.
 */
@SpringBootTest(
        classes = LimitsTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.mvc.problemdetails.enabled=true",
            "coffeeshop.http.max-body-size=2MB",
            "coffeeshop.http.json.max-document-length=4MB",
            "server.tomcat.max-swallow-size=64KB"
        })
class RequestLimitsTests {

    @LocalServerPort
    int port;

    @Test
    void refusesABodyLargerThanTheLimitBeforeReadingIt() throws IOException {
        long declared = 20L * 1024 * 1024;
        try (var socket = socket()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("POST /echo", "Content-Type: application/json", "Content-Length: " + declared));
            out.write(new byte[64 * 1024]);
            out.flush();

            var answer = Answer.read(socket.getInputStream());

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.body()).contains("\"status\":413").contains("limit of 2097152 bytes");
        }
    }

    @Test
    void refusesAChunkedBodyOnceItPassesTheLimit() throws IOException {
        var json = "{\"a\":[" + "1,".repeat(1536 * 1024) + "1]}";
        try (var socket = socket()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("POST /echo", "Content-Type: application/json", "Transfer-Encoding: chunked"));
            byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            var answer = Answer.read(socket.getInputStream());

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
        }
    }

    @Test
    void refusesDuplicateKeys() throws IOException {
        var answer = postJson("{\"x\":1,\"x\":2}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("Duplicate Object property \\\"x\\\"");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() throws IOException {
        var answer = postJson("{\"a\":".repeat(100) + "1" + "}".repeat(100));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("nesting depth").doesNotContain("StreamReadConstraints");
    }

    @Test
    void refusesAStringLongerThanTheLimit() throws IOException {
        var answer = postJson("{\"a\":\"" + "x".repeat(1024 * 1024) + "\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("String value length");
    }

    @Test
    void refusesANumberLongerThanTheLimit() throws IOException {
        var answer = postJson("{\"a\":" + "9".repeat(500) + "}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("Number value length");
    }

    @Test
    void acceptsAnOrdinaryBody() throws IOException {
        var answer = postJson("{\"items\":[{\"drink\":\"latte\",\"quantity\":2}]}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("latte");
    }

    @Test
    void answersAnEncodedSlashWithAProblem() throws IOException {
        var answer = raw(head("GET /echo%2Fsecret"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"status\":400").contains("encoded slash");
    }

    @Test
    void answersANulInThePathWithAProblem() throws IOException {
        var answer = raw(head("GET /echo%00"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"status\":400");
    }

    @Test
    void answersAHeaderOverTheLimitWithAProblem() throws IOException {
        var answer = raw(head("GET /echo", "X-Padding: " + "a".repeat(10_000)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"status\":400");
    }

    @Test
    void answersAnUnmappedPathWithAProblem() throws IOException {
        var answer = raw(head("GET /nowhere"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }

    private Answer postJson(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        var request = new ByteArrayOutputStream();
        request.write(head("POST /echo", "Content-Type: application/json", "Content-Length: " + body.length));
        request.write(body);
        return raw(request.toByteArray());
    }

    private Answer raw(byte[] request) throws IOException {
        try (var socket = socket()) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return Answer.read(socket.getInputStream());
        }
    }

    private Socket socket() throws IOException {
        var socket = new Socket("localhost", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] head(String requestLine, String... headers) {
        var head = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * An HTTP/1.1 response: as many body bytes as its {@code Content-Length} says, without one until the server
     * closes the connection (every request here asks it to).
     */
    record Answer(int status, String contentType, String body) {

        static Answer read(InputStream in) throws IOException {
            var head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the end of the head: " + head);
                }
                head.write(b);
            }
            var lines = head.toString(StandardCharsets.ISO_8859_1).lines().toList();
            String contentType = header(lines, "Content-Type");
            String length = header(lines, "Content-Length");
            byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
            return new Answer(
                    Integer.parseInt(lines.getFirst().substring(9, 12)),
                    contentType == null ? null : contentType.replaceAll(";.*", ""),
                    new String(body, StandardCharsets.UTF_8));
        }

        private static String header(java.util.List<String> lines, String name) {
            return lines.stream()
                    .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).strip())
                    .findFirst()
                    .orElse(null);
        }
    }
}
