/** The baristas: competing consumers that reserve ingredients and prepare the drinks of paid orders. */
package dev.coffeeshop.barista;
