/**
 * Taking an order: validation against the menu, pricing, payment, and the order's saga until it is final. The saga's
 * rules are the {@link dev.coffeeshop.intake.ordering.Order} aggregate's; nothing here is null unless it says so.
 */
@NullMarked
package dev.coffeeshop.intake.ordering;

import org.jspecify.annotations.NullMarked;
