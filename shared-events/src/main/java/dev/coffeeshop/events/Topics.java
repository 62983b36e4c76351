package dev.coffeeshop.events;

/**
 * The topics events travel on, named {@code coffeeshop.<producing-context>.<stream>}. Every record is keyed by order
 * id. See {@code docs/events.md} for producers, consumers and partitions.
 */
public final class Topics {

    /** Order lifecycle facts from the cashier: {@link OrderPlaced}, {@link PaymentRefunded}, {@link OrderCancelled}. */
    public static final String ORDERS = "coffeeshop.intake.orders";

    /**
     * Requests to stop an order, from the cashier: {@link CancellationRequested}. A topic of its own, so a cancellation
     * overtakes the backlog of orders waiting for a barista instead of queueing behind its own order.
     */
    public static final String CANCELLATIONS = "coffeeshop.intake.cancellations";

    /**
     * Preparation outcomes from the baristas: {@link OrderReady}, {@link OrderRejected}, and their answers to
     * cancellations, {@link PreparationCancelled} and {@link CancellationRefused}.
     */
    public static final String PREPARATIONS = "coffeeshop.barista.preparations";

    /** Enough partitions for six competing baristas. */
    public static final int PARTITIONS = 6;

    private Topics() {}

    /** The dead-letter topic of one consumer group on one topic. */
    public static String deadLetter(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + ".dlq";
    }

    /**
     * Where an operator's replay of a dead letter goes for one consumer group on one topic: a topic of the group's own,
     * which its binding reads beside the original, so that a service replays without writing a topic another service
     * owns and without the other groups on that topic seeing the record again.
     */
    public static String replay(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + ".replay";
    }
}
