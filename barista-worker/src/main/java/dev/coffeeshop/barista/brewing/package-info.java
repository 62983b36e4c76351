/**
 * Preparing orders: recipes, the rules of one order's preparation from picking it up to handing it over, rejecting or
 * cancelling it, and the barista who applies them.
 */
@NullMarked
package dev.coffeeshop.barista.brewing;

import org.jspecify.annotations.NullMarked;
