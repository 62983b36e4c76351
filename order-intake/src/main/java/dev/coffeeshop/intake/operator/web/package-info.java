/** The operator's order page and the staff endpoints behind it. */
@NullMarked
package dev.coffeeshop.intake.operator.web;

import org.jspecify.annotations.NullMarked;
