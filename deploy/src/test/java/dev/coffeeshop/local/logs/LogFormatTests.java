package dev.coffeeshop.local.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The services' ECS lines and the other components' plain lines, merged and written for a person. */
class LogFormatTests {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final String ORDER = "3f2b9c1e-5d4a-4c3b-9a2f-1e0d9c8b7a65";
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    /** A line as Spring Boot writes ECS: nested objects, MDC entries among them. */
    static String ecs(String time, String level, String logger, String message, String extra) {
        return "{\"@timestamp\":\"" + time + "\",\"log\":{\"level\":\"" + level + "\",\"logger\":\"" + logger
                + "\"},\"process\":{\"pid\":42,\"thread\":{\"name\":\"main\"}},\"service\":{\"name\":\"order-intake\"},"
                + "\"message\":\"" + message + "\"" + extra + ",\"ecs\":{\"version\":\"8.11\"}}";
    }

    final LogFormat format = new LogFormat(UTC);

    @Test
    void writesAnOrdersLineOnOneLineWithItsShortOrderAndTraceIds() {
        // given
        String raw = ecs(
                "2026-12-02T04:00:01.123456Z",
                "INFO",
                "dev.coffeeshop.intake.ordering.Bookkeeper",
                "Order placed",
                ",\"order\":{\"id\":\"" + ORDER + "\"},\"event\":{\"id\":\"e-1\"},\"trace\":{\"id\":\"" + TRACE
                        + "\"},\"span\":{\"id\":\"00f067aa0ba902b7\"}");

        // when
        String line = format.format(LogLine.parse("order-intake", raw, UTC));

        // then
        assertThat(line)
                .isEqualTo(
                        "04:00:01.123 order-intake         INFO  order=3f2b9c1e trace=4bf92f35 Bookkeeper: Order placed");
    }

    @Test
    void readsFlatEcsFieldsAndMicrometersOwnTraceIdToo() {
        // given
        String raw = "{\"@timestamp\":\"2026-12-02T04:00:01Z\",\"log.level\":\"WARN\",\"log.logger\":\"x.Y\","
                + "\"message\":\"m\",\"order.id\":\"" + ORDER + "\",\"traceId\":\"" + TRACE + "\"}";

        // when
        LogLine line = LogLine.parse("barista-worker", raw, UTC);

        // then
        assertThat(line.level()).isEqualTo("WARN");
        assertThat(line.orderId()).isEqualTo(ORDER);
        assertThat(line.traceId()).isEqualTo(TRACE);
        assertThat(line.service()).isEqualTo("barista-worker");
    }

    @Test
    void keepsAStackTraceReadableBelowItsLine() {
        // given
        String raw = ecs(
                "2026-12-02T04:00:01Z",
                "ERROR",
                "dev.coffeeshop.outbox.OutboxRelay",
                "Outbox relay failed",
                ",\"error\":{\"type\":\"java.lang.IllegalStateException\",\"message\":\"boom\",\"stack_trace\":"
                        + "\"java.lang.IllegalStateException: boom\\n\\tat a.B.c(B.java:1)\\n\\tat a.B.d(B.java:2)\\n\"}");

        // when
        List<String> lines =
                format.format(LogLine.parse("order-intake", raw, UTC)).lines().toList();

        // then
        assertThat(lines)
                .containsExactly(
                        "04:00:01.000 order-intake         ERROR OutboxRelay: Outbox relay failed",
                        "    java.lang.IllegalStateException: boom",
                        "    at a.B.c(B.java:1)",
                        "    at a.B.d(B.java:2)");
    }

    @Test
    void keepsTheFurtherLinesOfAMessageIndentedUnderIt() {
        // given
        String raw = ecs(
                "2026-12-02T04:00:01Z",
                "INFO",
                "o.a.k.c.c.ConsumerConfig",
                "ConsumerConfig values: \\n\\tacks = -1\\n",
                "");

        // when
        List<String> lines =
                format.format(LogLine.parse("order-intake", raw, UTC)).lines().toList();

        // then
        assertThat(lines)
                .containsExactly(
                        "04:00:01.000 order-intake         INFO  ConsumerConfig: ConsumerConfig values:",
                        "    \tacks = -1");
    }

    @Test
    void showsALineThatIsNotJsonAsItIsWithTheTimeItStartsWith() {
        // given
        LogLine kafka =
                LogLine.parse("kafka", "[2026-12-02 05:00:01,250] INFO Kafka Server started", ZoneId.of("+01:00"));
        LogLine postgres = LogLine.parse("postgres", "2026-12-02 04:00:02.500 UTC [77] LOG:  ready", UTC);

        // then: Kafka writes local time, PostgreSQL says its zone
        assertThat(format.format(kafka))
                .isEqualTo("04:00:01.250 kafka                [2026-12-02 05:00:01,250] INFO Kafka Server started");
        assertThat(format.format(postgres))
                .endsWith("postgres             2026-12-02 04:00:02.500 UTC [77] LOG:  ready");
        assertThat(LogLine.parse("kafka", "\tat kafka.Foo.bar(Foo.scala:1)", UTC)
                        .time())
                .isEmpty();
    }

    @Test
    void mergesLogsInTimeOrderKeepingContinuationLinesWithTheirLine(@TempDir Path logs) throws IOException {
        // given
        Path intake = Files.writeString(
                logs.resolve("order-intake.log"),
                ecs("2026-12-02T04:00:01Z", "INFO", "a.Cashier", "first", "") + "\n"
                        + ecs("2026-12-02T04:00:03Z", "INFO", "a.Cashier", "third", "") + "\n");
        Path kafka = Files.writeString(
                logs.resolve("kafka.log"),
                "[2026-12-02 04:00:02,000] ERROR second\n\tat kafka.Foo.bar(Foo.scala:1)\n"
                        + "[2026-12-02 04:00:04,000] INFO fourth\n");
        var merged = new MergedLogs(
                List.of(new LogFile("kafka", kafka, UTC), new LogFile("order-intake", intake, UTC)),
                line -> true,
                format);

        // when
        List<String> messages =
                merged.history(100).stream().map(LogLine::message).toList();

        // then
        assertThat(messages)
                .containsExactly(
                        "first",
                        "[2026-12-02 04:00:02,000] ERROR second",
                        "\tat kafka.Foo.bar(Foo.scala:1)",
                        "third",
                        "[2026-12-02 04:00:04,000] INFO fourth");
    }

    @Test
    void followsNewLinesAsTheyAreWrittenAndOnlyWholeOnes(@TempDir Path logs) throws IOException {
        // given
        Path intake = Files.writeString(logs.resolve("order-intake.log"), "");
        var file = new LogFile("order-intake", intake, UTC);
        assertThat(file.readNew()).isEmpty();

        // when: a line written in two parts
        String line = ecs("2026-12-02T04:00:01Z", "INFO", "a.Cashier", "hello", "");
        Files.writeString(intake, line.substring(0, 20), StandardOpenOption.APPEND);
        var partly = file.readNew();
        Files.writeString(intake, line.substring(20) + "\n", StandardOpenOption.APPEND);
        var whole = file.readNew();

        // then
        assertThat(partly).isEmpty();
        assertThat(whole).extracting(LogLine::message).containsExactly("hello");
        assertThat(file.readNew()).isEmpty();
    }

    @Test
    void picksOutOneOrdersLinesByItsIdOrItsFirstCharacters(@TempDir Path data) throws IOException {
        // given
        Path logs = Files.createDirectories(data.resolve("logs"));
        Files.writeString(
                logs.resolve("order-intake.log"),
                ecs("2026-12-02T04:00:01Z", "INFO", "a.Cashier", "ours", ",\"order\":{\"id\":\"" + ORDER + "\"}")
                        + "\n"
                        + ecs(
                                "2026-12-02T04:00:02Z",
                                "INFO",
                                "a.Cashier",
                                "another's",
                                ",\"order\":{\"id\":\"9f2b9c1e-5d4a-4c3b-9a2f-1e0d9c8b7a65\"}")
                        + "\n" + ecs("2026-12-02T04:00:03Z", "INFO", "a.Cashier", "nobody's", "") + "\n");
        Files.writeString(
                logs.resolve("kafka.log"),
                "[2026-12-02 04:00:04,000] INFO about " + ORDER + "\n[2026-12-02 04:00:05,000] INFO other\n");
        var out = new ByteArrayOutputStream();

        // when
        int exit = Logs.run(
                data,
                List.of("--order", "3f2b9c1e", "--no-follow"),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        // then
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("3f2b9c1e"))
                .anySatisfy(line -> assertThat(line).contains("Cashier: ours"));
    }
}
