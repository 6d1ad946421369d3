package com.fxbank.messaging;

/**
 * A message that can never be processed, however often it is retried: bad JSON, an unknown type or
 * version, a field that fails validation, a reference to nothing. The error handler sends it to the
 * dead-letter topic at once instead of retrying it (seed R7).
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
