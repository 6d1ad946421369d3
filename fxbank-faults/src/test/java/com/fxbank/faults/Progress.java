package com.fxbank.faults;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A wait that gives up when what it waits for stops moving, not after a wall-clock limit tuned on one machine
 * (issue 13: on a machine half as fast a restart under load took 113 s and a fixed 120 s failed the suite). A
 * service that still writes its log is still starting; a load that still gets answers is still running; exchanges
 * that still become final are still settling. Each wait fails when its measure has not moved for {@code stall}, or
 * at a far ceiling that only a hang reaches.
 */
final class Progress {

    private static final Duration POLL = Duration.ofMillis(200);

    private Progress() {
    }

    /**
     * Returns once {@code done} holds; fails with {@code what} when {@code measure} (any number that changes while
     * work goes on) has not changed for {@code stall}, when {@code failFast} holds, or after {@code ceiling}.
     * Exceptions from {@code done} count as "not yet" (a service not listening yet).
     */
    static Duration await(String what, BooleanSupplier done, LongSupplier measure, Duration stall, Duration ceiling,
                          BooleanSupplier failFast) {
        long started = System.nanoTime();
        long last = measure.getAsLong();
        long lastMoved = started;
        while (true) {
            if (holds(done)) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            long now = System.nanoTime();
            if (failFast.getAsBoolean()) {
                throw new AssertionError(what + ": gave up, the process it waits for is gone");
            }
            long current = measure.getAsLong();
            if (current != last) {
                last = current;
                lastMoved = now;
            }
            if (now - lastMoved > stall.toNanos()) {
                throw new AssertionError(what + ": no progress for " + stall.toSeconds() + " s (after "
                        + Duration.ofNanos(now - started).toSeconds() + " s)");
            }
            if (now - started > ceiling.toNanos()) {
                throw new AssertionError(what + ": still moving but not done after " + ceiling.toMinutes() + " min");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted", e);
            }
        }
    }

    private static boolean holds(BooleanSupplier done) {
        try {
            return done.getAsBoolean();
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
