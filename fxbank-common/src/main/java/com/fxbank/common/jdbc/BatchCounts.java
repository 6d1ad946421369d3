package com.fxbank.common.jdbc;

import java.util.function.IntFunction;

/** The update counts a JDBC batch returns, one per statement, read the one way FxBank's stores need. */
public final class BatchCounts {

    private BatchCounts() {
    }

    /**
     * Every statement of the batch changed a row, or the batch's transaction must roll back. A driver may answer
     * SUCCESS_NO_INFO (-2) for a statement of a batch (PostgreSQL's does for rewritten INSERTs): only 0 says
     * "no such row".
     *
     * @param notChanged the message for the statement at that index
     * @throws IllegalStateException naming the first statement that changed nothing
     */
    public static void requireEachChangedARow(int[] counts, IntFunction<String> notChanged) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                throw new IllegalStateException(notChanged.apply(i));
            }
        }
    }
}
