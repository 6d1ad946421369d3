package com.fxbank.exchange.application.port.out;

import java.util.List;
import java.util.Optional;

import com.fxbank.exchange.domain.LimitOverride;

/** The customers' own limits in force (the operators' journal keeps their history). In the caller's transaction. */
public interface LimitOverrideStore {

    /** The override of {@code owner} (empty if none). */
    Optional<LimitOverride> find(String owner);

    /** The override of {@code owner}, locked until the caller's transaction ends (empty if none). */
    Optional<LimitOverride> lock(String owner);

    /**
     * Stores {@code override} in place of any earlier one of its customer.
     *
     * @throws SetBesideException if another transaction stored this customer's first override at the same moment (the
     *                            caller's transaction must roll back)
     */
    void put(LimitOverride override);

    /** Removes the override of {@code owner}: the bank's defaults hold again. */
    void remove(String owner);

    /** Every override in force, by customer, {@code limit} at most from {@code offset}. */
    List<LimitOverride> list(int offset, int limit);

    class SetBesideException extends RuntimeException {
        public SetBesideException(String owner) {
            super("the limits of " + owner + " were set by another transaction at the same moment");
        }
    }
}
