/** The Kafka side of brewing: reads the cashier's order events and hands paid orders to the barista. */
package dev.coffeeshop.barista.brewing.messaging;
