/** What the shop sells and at what price. */
package dev.coffeeshop.intake.menu;
