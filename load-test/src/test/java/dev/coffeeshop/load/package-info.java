/**
 * Gatling simulations of customers arriving at the shop, each order followed through the public API until it is
 * final, with the end its kind must have; run by {@code ./coffeeshop load}.
 */
package dev.coffeeshop.load;
