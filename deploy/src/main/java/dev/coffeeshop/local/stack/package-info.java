/** The whole system on one machine: a KRaft broker, PostgreSQL and the three services as separate processes. */
package dev.coffeeshop.local.stack;
