package com.fxbank.exchange.application.port.out;

import java.util.List;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.exchange.domain.SagaMessage;

/** The messages the exchange service published for an exchange, oldest first (its whole story). */
public interface SagaMessageLog {

    List<SagaMessage> messagesOf(ExchangeId id);
}
