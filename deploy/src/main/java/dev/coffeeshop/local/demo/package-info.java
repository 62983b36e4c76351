/** A customer crowd for a running stack: places a mix of orders, follows them to the end, reports what happened. */
package dev.coffeeshop.local.demo;
