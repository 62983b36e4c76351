package dev.coffeeshop.messaging.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.coffeeshop.messaging.batch.BatchListener;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.otel.bridge.Slf4JEventListener;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryEventPublisherBeansApplicationListener;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service logs while it handles a consumed record, written as the services write their logs (Spring Boot's ECS
 * JSON with the services' logging settings): each line carries the record's order and event ids and the trace and span
 * of the record's observation, and nothing of them is left behind after it.
 */
class RecordLogLinesTests {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PRODUCER_SPAN = "00f067aa0ba902b7";
    static final String ORDER = "3f2b9c1e-5d4a-4c3b-9a2f-1e0d9c8b7a65";
    static final String EVENT = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

    /** The services' logging settings, as in each service's application.yml ("logging:"). */
    static final Map<String, String> SERVICE_LOGGING = Map.of(
            "logging.structured.format.console", "ecs",
            "logging.structured.ecs.service.name", "barista-worker",
            "logging.structured.json.rename.traceId", "trace.id",
            "logging.structured.json.rename.spanId", "span.id");

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    final Slf4JEventListener traceIdsInMdc = new Slf4JEventListener();
    final OtelTracer tracer =
            new OtelTracer(openTelemetry.getTracer("tests"), new OtelCurrentTraceContext(), traceIdsInMdc::onEvent);
    final OtelPropagator propagator =
            new OtelPropagator(openTelemetry.getPropagators(), openTelemetry.getTracer("tests"));
    final ObservationRegistry observations = ObservationRegistry.create();

    final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    final Logger handlerLog = logback.getLogger("dev.coffeeshop.barista.brewing.Barista");
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final OutputStreamAppender<ILoggingEvent> ecs = new OutputStreamAppender<>();

    /** Holds the tracer's event publisher, as a service's context does, for Spring Boot's MDC wiring. */
    final GenericApplicationContext application = new GenericApplicationContext();

    @BeforeEach
    void wireAsSpringBootDoes() {
        // the tracing observation handlers, the first that supports a context takes it
        observations
                .observationConfig()
                .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                        new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                        new DefaultTracingObservationHandler(tracer)));
        // Micrometer's scope events reach its SLF4J listener, which sets traceId and spanId in the MDC, through the
        // wrapper Spring Boot installs around OpenTelemetry's context storage
        OpenTelemetryEventPublisherBeansApplicationListener.addWrapper();
        application.registerBean(OtelTracer.EventPublisher.class, () -> traceIdsInMdc::onEvent);
        application.addApplicationListener(new OpenTelemetryEventPublisherBeansApplicationListener());
        application.refresh();
        // the console appender of a service whose logging.structured.format.console is ecs
        var environment = new MockEnvironment();
        SERVICE_LOGGING.forEach(environment::setProperty);
        logback.putObject(Environment.class.getName(), environment);
        var encoder = new StructuredLogEncoder();
        encoder.setContext(logback);
        encoder.setFormat("ecs");
        encoder.start();
        ecs.setContext(logback);
        ecs.setEncoder(encoder);
        ecs.setOutputStream(written);
        ecs.start();
        handlerLog.addAppender(ecs);
    }

    @AfterEach
    void unwire() {
        handlerLog.detachAppender(ecs);
        ecs.stop();
        logback.removeObject(Environment.class.getName());
        application.close();
        openTelemetry.close();
    }

    @Test
    void everyLineWrittenWhileARecordIsHandledCarriesItsOrderEventTraceAndSpan() {
        // given
        var listener = BatchListener.inOneTransaction(
                        TransactionOperations.withoutTransaction(),
                        record -> LoggerFactory.getLogger("dev.coffeeshop.barista.brewing.Barista")
                                .info("Preparing the order"))
                .observedBy(observations);

        // when
        listener.accept(batch(record(ORDER, EVENT, "00-" + TRACE + "-" + PRODUCER_SPAN + "-01")));

        // then: one ECS line, with the record's ids and the span of its observation
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.getFirst();
        SpanData span = spans.getFinishedSpanItems().getFirst();
        assertThat(line.path("message").asString()).isEqualTo("Preparing the order");
        assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(line.path("service").path("name").asString()).isEqualTo("barista-worker");
        assertThat(field(line, "order.id")).isEqualTo(ORDER);
        assertThat(field(line, "event.id")).isEqualTo(EVENT);
        assertThat(field(line, "trace.id")).isEqualTo(TRACE);
        assertThat(field(line, "span.id")).isEqualTo(span.getSpanId()).isNotEqualTo(PRODUCER_SPAN);
        // and nothing is left in the MDC for the next record or the thread's next task
        assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys("order.id", "event.id", "traceId", "spanId");
    }

    @Test
    void eachRecordOfABatchIsLoggedWithItsOwnOrder() {
        // given
        String second = "9f2b9c1e-5d4a-4c3b-9a2f-1e0d9c8b7a65";
        var listener = BatchListener.recordByRecord(
                        record -> LoggerFactory.getLogger("dev.coffeeshop.barista.brewing.Barista")
                                .info("Preparing"))
                .observedBy(observations);

        // when
        listener.accept(batch(
                record(ORDER, EVENT, "00-" + TRACE + "-" + PRODUCER_SPAN + "-01"),
                record(second, "e-2", "00-" + TRACE.replace('4', '5') + "-" + PRODUCER_SPAN + "-01")));

        // then
        assertThat(lines())
                .extracting(
                        line -> field(line, "order.id") + " " + field(line, "event.id") + " " + field(line, "trace.id"))
                .containsExactly(ORDER + " " + EVENT + " " + TRACE, second + " e-2 " + TRACE.replace('4', '5'));
    }

    @Test
    void aRecordWithoutCloudEventsHeadersIsLoggedWithItsKeyAsTheOrder() {
        // given: a record some other producer wrote, keyed by order like every record here
        var listener =
                BatchListener.recordByRecord(record -> LoggerFactory.getLogger("dev.coffeeshop.barista.brewing.Barista")
                        .warn("Unreadable"));
        var record = MessageBuilder.withPayload("x")
                .setHeader(KafkaHeaders.RECEIVED_KEY, ORDER)
                .build();

        // when
        listener.accept(record);

        // then
        JsonNode line = lines().getFirst();
        assertThat(field(line, "order.id")).isEqualTo(ORDER);
        assertThat(field(line, "event.id")).isEmpty();
    }

    @Test
    void aLineOutsideAnyRecordCarriesNoOrder() {
        // when
        handlerLog.info("Started");

        // then
        JsonNode line = lines().getFirst();
        assertThat(field(line, "order.id")).isEmpty();
        assertThat(field(line, "trace.id")).isEmpty();
    }

    private List<JsonNode> lines() {
        var json = JsonMapper.builder().build();
        var lines = new ArrayList<JsonNode>();
        written.toString(StandardCharsets.UTF_8).lines().forEach(line -> lines.add(json.readTree(line)));
        return lines;
    }

    /**
     * An ECS field by its dotted name, nested as Spring Boot writes an MDC entry ({@code {"order":{"id":..}}}) or
     * flat as a renamed member comes out ({@code {"trace.id":..}}); ECS takes both. Empty when absent.
     */
    static String field(JsonNode line, String name) {
        if (line.path(name).isValueNode()) {
            return line.path(name).asString();
        }
        JsonNode node = line;
        for (String part : name.split("\\.")) {
            node = node.path(part);
        }
        return node.isValueNode() ? node.asString() : "";
    }

    private static Map<String, Object> record(String order, String event, String traceparent) {
        return Map.of(
                "ce_subject", order.getBytes(StandardCharsets.UTF_8),
                "ce_id", event.getBytes(StandardCharsets.UTF_8),
                "ce_type", "coffeeshop.order.placed.v1".getBytes(StandardCharsets.UTF_8),
                "traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
    }

    @SafeVarargs
    private static Message<?> batch(Map<String, Object>... headers) {
        var values = new ArrayList<String>();
        var topics = new ArrayList<String>();
        for (int i = 0; i < headers.length; i++) {
            values.add("record-" + i);
            topics.add("coffeeshop.intake.orders");
        }
        return MessageBuilder.withPayload(values)
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.of(headers))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, topics)
                .build();
    }
}
