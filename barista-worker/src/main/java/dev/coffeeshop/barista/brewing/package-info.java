/**
 * Preparing orders: recipes, the barista's work from picking an order up to announcing it ready or rejected, and the
 * answers to requests to cancel an order.
 */
package dev.coffeeshop.barista.brewing;
