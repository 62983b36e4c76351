/** Turns order facts into one notification per order and kind, and delivers each new one once. */
package dev.coffeeshop.notification.pickup;
