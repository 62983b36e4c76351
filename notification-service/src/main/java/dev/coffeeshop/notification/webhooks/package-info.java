/**
 * Signed webhooks: each notification of an order with a callback URL is posted there, signed, retried with back-off
 * and parked for staff when it cannot be delivered; see {@code docs/webhooks.md}. Nothing here is null unless it says so.
 */
@NullMarked
package dev.coffeeshop.notification.webhooks;

import org.jspecify.annotations.NullMarked;
