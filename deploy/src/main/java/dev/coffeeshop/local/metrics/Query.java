package dev.coffeeshop.local.metrics;

/** A PromQL expression and where it is used: a rule file and its rule, or a dashboard and its panel. */
public record Query(String where, String expression) {}
