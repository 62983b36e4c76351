/** The cashier: takes orders and payment, announces them, and compensates orders the baristas cannot make. */
package dev.coffeeshop.intake;
