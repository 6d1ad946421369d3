package com.fxbank.common.batch;

/**
 * Wraps the part of a batch's work that belongs to one command, named by its index in the batch: a use case that
 * handles many commands in one transaction calls it around each command's own writes, and the adapter that gave the
 * commands puts that command's context around them (a Kafka record's consumer span, so that each exchange's trace
 * still shows its own step).
 */
@FunctionalInterface
public interface EachCommand {

    void run(int index, Runnable part);

    /** Nothing around the parts. */
    EachCommand AS_IS = (index, part) -> part.run();
}
