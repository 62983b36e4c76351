/**
 * Turns order facts into one notification per order and kind, and delivers each new one once. What the customer is
 * told about each fact is decided by {@code CounterScript} alone.
 */
@NullMarked
package dev.coffeeshop.notification.pickup;

import org.jspecify.annotations.NullMarked;
