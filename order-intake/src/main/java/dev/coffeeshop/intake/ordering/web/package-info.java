/** The order API: place an order, follow it. */
package dev.coffeeshop.intake.ordering.web;
