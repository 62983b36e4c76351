/**
 * The operator's order page: one order as every service recorded it (the cashier's steps and payment actions, the
 * baristas' preparation and handover, the counter's notifications and webhooks), merged in time order, with a link to
 * its trace.
 */
@NullMarked
package dev.coffeeshop.intake.operator;

import org.jspecify.annotations.NullMarked;
