/**
 * What every log line about an order carries besides the trace: the order's id and the event being handled, in SLF4J's
 * MDC, where the services' structured (ECS JSON) logs pick them up as {@code order.id} and {@code event.id}. See
 * docs/observability.md, "Logs".
 */
@NullMarked
package dev.coffeeshop.messaging.logging;

import org.jspecify.annotations.NullMarked;
