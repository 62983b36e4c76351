/** What the shop sells and at what price. Nothing here is null unless it says so. */
@NullMarked
package dev.coffeeshop.intake.menu;

import org.jspecify.annotations.NullMarked;
