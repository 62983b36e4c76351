/** Listens to the baristas' outcomes and hands them to the cashier. */
package dev.coffeeshop.intake.ordering.messaging;
