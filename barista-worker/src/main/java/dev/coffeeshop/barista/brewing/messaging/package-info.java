/**
 * The Kafka side of brewing: reads the cashier's order events and hands paid orders to the barista, and its requests
 * to cancel them.
 */
package dev.coffeeshop.barista.brewing.messaging;
