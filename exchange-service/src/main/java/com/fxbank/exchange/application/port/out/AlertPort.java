package com.fxbank.exchange.application.port.out;

import com.fxbank.exchange.domain.Exchange;

/** Tells operators an exchange needs them: a log line at ERROR, a metric, a message on the alerts topic. */
public interface AlertPort {

    void exchangeNeedsAttention(Exchange exchange, String why);

    /** A ledger's reply contradicts the exchange (it is never applied): someone must find out why. */
    void replyContradicts(Exchange exchange, String why);
}
