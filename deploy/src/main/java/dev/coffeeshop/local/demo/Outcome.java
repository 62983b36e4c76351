package dev.coffeeshop.local.demo;

/** How an order can end: made, refunded because it could not be made, or refused at the till. */
public enum Outcome {
    READY,
    REFUNDED,
    DECLINED
}
