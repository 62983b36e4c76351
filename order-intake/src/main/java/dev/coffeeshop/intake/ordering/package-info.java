/** Taking an order: validation against the menu, pricing, payment, and the order's life until it is final. */
package dev.coffeeshop.intake.ordering;
