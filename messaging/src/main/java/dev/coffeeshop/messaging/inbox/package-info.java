/** The inbox: which events a service has acted on, kept as long as a copy of one can still come back from Kafka. */
package dev.coffeeshop.messaging.inbox;
