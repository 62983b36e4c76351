/**
 * {@code ./coffeeshop attack}: the security suite, every control tried against a running stack as an attacker would,
 * each with the exact answer it must get.
 */
package dev.coffeeshop.local.attack;
