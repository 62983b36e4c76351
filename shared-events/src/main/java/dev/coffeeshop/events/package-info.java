/** The published language between the services: past-tense facts about an order, their topics and wire format. */
package dev.coffeeshop.events;
