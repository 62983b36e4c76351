/** What the baristas have on hand: ingredients reserved all-or-nothing per order and released on rejection. */
@NullMarked
package dev.coffeeshop.barista.inventory;

import org.jspecify.annotations.NullMarked;
