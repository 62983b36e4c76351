/** Talking to the payment provider: authorize when an order is placed, refund when it cannot be made. */
package dev.coffeeshop.intake.payment;
