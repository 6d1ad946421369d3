package com.fxbank.messaging;

/** Topic naming rules shared by producers, consumers and the dead-letter recoverer. */
public final class Topics {

    /** Spring Kafka's {@code DeadLetterPublishingRecoverer} default: same name plus this suffix, same partition. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    /** Exchanges that need an operator ({@link ExchangeAlert}). */
    public static final String ALERTS = "fxbank.alerts";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
