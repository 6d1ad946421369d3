package com.fxbank.common.operator;

import java.util.List;
import java.util.Optional;

/**
 * The port through which a service's use cases record what operators did, append-only: there is no way here to
 * change or remove an action. Implemented once for every service by the outbox library's {@code OperatorJournal}.
 */
public interface OperatorActionLog {

    /** Inside the transaction of the action itself: the action and its record commit together. */
    void append(OperatorAction action);

    /** Newest first; only those on {@code target} when it is given. */
    List<OperatorAction> newest(Optional<String> target, int limit);
}
