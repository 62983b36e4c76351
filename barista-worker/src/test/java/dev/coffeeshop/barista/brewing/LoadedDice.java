package dev.coffeeshop.barista.brewing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Dice that show a high number, so the machine works, until a test asks for the next roll to break it, to throw an
 * {@link Error} on the listener's thread as a JVM in trouble would, or to keep the next order at the machine.
 *
 * <p>The equipment rolls once per order, after brewing and before the handover, while the preparation is still
 * IN_PREPARATION: a roll held there is an order in the middle of being made, for as long as the test wants.
 */
class LoadedDice implements RandomGenerator {

    private final AtomicBoolean breakNextRoll = new AtomicBoolean();
    private final AtomicReference<Error> error = new AtomicReference<>();
    private final AtomicInteger errorsToThrow = new AtomicInteger();
    private final AtomicReference<Hold> hold = new AtomicReference<>();

    /** An order kept at the machine: the listener's thread waits in the roll until the test lets it go. */
    final class Hold {

        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Whether an order has reached the machine and is being held there. */
        boolean reached() {
            return reached.getCount() == 0;
        }

        /** Lets the held order go on to its handover, or takes the hold back if no order reached it. */
        void release() {
            hold.compareAndSet(this, null);
            released.countDown();
        }

        private void await() {
            reached.countDown();
            try {
                // bounded, so a test that fails before releasing cannot keep a consumer thread forever
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void breakTheMachineOnTheNextOrder() {
        breakNextRoll.set(true);
    }

    /** Throws {@code error} on the next {@code rolls} rolls, whichever order and delivery they are for. */
    void throwOnTheNextRolls(Error error, int rolls) {
        this.error.set(error);
        errorsToThrow.set(rolls);
    }

    /** Keeps the next order that reaches the machine there, mid-preparation, until the hold is released. */
    Hold holdTheNextOrderAtTheMachine() {
        Hold next = new Hold();
        hold.set(next);
        return next;
    }

    /** How many of the errors asked for are still to be thrown. */
    int errorsLeft() {
        return errorsToThrow.get();
    }

    @Override
    public double nextDouble() {
        Hold held = hold.getAndSet(null);
        if (held != null) {
            held.await();
        }
        if (errorsToThrow.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw error.get();
        }
        return breakNextRoll.getAndSet(false) ? 0.0 : 0.999;
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("the equipment only rolls doubles");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Configuration {

        @Bean
        @Primary
        LoadedDice loadedDice() {
            return new LoadedDice();
        }
    }
}
