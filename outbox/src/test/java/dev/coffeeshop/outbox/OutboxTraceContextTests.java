package dev.coffeeshop.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the outbox stores of the caller's trace, with a real OpenTelemetry tracer behind Micrometer's API. */
class OutboxTraceContextTests {

    final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    final Tracer tracer = new OtelTracer(openTelemetry.getTracer("tests"), new OtelCurrentTraceContext(), event -> {});
    final OtelPropagator propagator =
            new OtelPropagator(openTelemetry.getPropagators(), openTelemetry.getTracer("tests"));

    @AfterEach
    void closeTracer() {
        openTelemetry.close();
    }

    @Test
    void storesTheW3cTraceContextOfTheCurrentSpan() {
        // given
        Span span = tracer.nextSpan().name("place order").start();

        // when
        String stored;
        try (var inScope = tracer.withSpan(span)) {
            stored = OutboxConfiguration.traceparent(tracer, propagator);
        } finally {
            span.end();
        }

        // then
        // version, trace, span, then the flags: sampled, and here also "random trace id" (trace context level 2)
        assertThat(stored)
                .startsWith(
                        "00-" + span.context().traceId() + "-" + span.context().spanId() + "-")
                .matches(".*-0[13]$");
    }

    @Test
    void storesNothingOutsideASpan() {
        assertThat(OutboxConfiguration.traceparent(tracer, propagator)).isNull();
    }
}
