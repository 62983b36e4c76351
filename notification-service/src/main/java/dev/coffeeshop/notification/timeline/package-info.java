/**
 * One order as the pickup counter recorded it, for staff: what the customer was told and through which channel, and
 * each webhook delivery with its attempts, as timeline entries (read-only).
 */
@NullMarked
package dev.coffeeshop.notification.timeline;

import org.jspecify.annotations.NullMarked;
