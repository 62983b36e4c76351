/** What the baristas have on hand: ingredients reserved all-or-nothing per order and released on rejection. */
package dev.coffeeshop.barista.inventory;
