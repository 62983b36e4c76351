/** The benchmark ({@code ./coffeeshop bench}): the system and its infrastructure's ceilings, measured on one stack. */
package dev.coffeeshop.local.bench;
