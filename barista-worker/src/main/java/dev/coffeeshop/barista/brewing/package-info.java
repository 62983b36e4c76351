/** Preparing orders: recipes, the barista's work from picking an order up to announcing it ready or rejected. */
package dev.coffeeshop.barista.brewing;
