package com.fxbank.exchange.application.port.in;

import java.util.List;
import java.util.Optional;

import com.fxbank.common.operator.OperatorAction;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.LimitOverride;

/**
 * What an operator sees and sets of one customer's limits: their own in place of the bank's defaults, or the defaults
 * again, each change with a reason and kept in the actions log. A change applies from the customer's next exchange; an
 * exchange already started keeps the usage it took.
 */
public interface CustomerLimitsUseCase {

    /** A customer's limits as they hold now, with the override that set them, if any. */
    record CustomerLimitsView(LimitsQuery.Limits limits, Optional<LimitOverride> own) {
    }

    CustomerLimitsView view(String owner);

    /** Gives {@code owner} limits of their own. */
    ChangeResult set(String owner, CustomerLimits limits, String operator, String reason);

    /** Gives {@code owner} the bank's defaults again (recorded even when they had no override). */
    ChangeResult clear(String owner, String operator, String reason);

    /** Every override in force, by customer: page from 0, {@code size} + 1 at most (the one more says "more"). */
    List<LimitOverride> overrides(int page, int size);

    sealed interface ChangeResult {
        record Changed(OperatorAction action, CustomerLimitsView now) implements ChangeResult {
        }

        /** Another operator set this customer's first override at the same moment: nothing changed, try again. */
        record SetBeside() implements ChangeResult {
        }
    }
}
