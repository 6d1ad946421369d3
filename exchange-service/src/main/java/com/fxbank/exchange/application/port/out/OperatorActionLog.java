package com.fxbank.exchange.application.port.out;

import java.util.List;

import com.fxbank.exchange.domain.OperatorAction;

/** Operators' actions, append-only: there is no way here to change or remove one. */
public interface OperatorActionLog {

    /** Inside the transaction of the action itself: the action and its record commit together. */
    void append(OperatorAction action);

    /** Newest first; only those on {@code target} when it is given. */
    List<OperatorAction> newest(java.util.Optional<String> target, int limit);
}
