/** The {@code ./coffeeshop} command line: brings the local stack up, reports its status and runs the demo. */
package dev.coffeeshop.local;
