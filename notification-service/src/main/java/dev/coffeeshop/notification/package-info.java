/** The pickup counter and the customer's phone: tells customers what happened to their orders. */
package dev.coffeeshop.notification;
