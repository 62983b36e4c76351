/**
 * Talking to the payment provider: authorize when an order is placed, capture when it is handed over, void an
 * authorization that will not be captured, refund a captured payment. The provider is the in-process sandbox or a card
 * processor's REST API behind retry, bulkhead, circuit breaker and time limiter. Nothing here is null unless it says so.
 */
@NullMarked
package dev.coffeeshop.intake.payment;

import org.jspecify.annotations.NullMarked;
