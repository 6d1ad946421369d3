package com.fxbank.account.application.port.out;

/**
 * A row keyed by (exchangeId, kind) or (reference, kind) exists already: the request is a repeat. The
 * transaction that tried to write it must roll back; the caller then reads what was recorded first.
 */
public class AlreadyRecordedException extends RuntimeException {

    public AlreadyRecordedException(String what) {
        super(what + " is already recorded");
    }
}
