/**
 * The {@code ./coffeeshop} command line: brings the local stack up, reports its status, runs the demo, the
 * fault-injection suite and the benchmark.
 */
package dev.coffeeshop.local;
