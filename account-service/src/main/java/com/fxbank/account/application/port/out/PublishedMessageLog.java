package com.fxbank.account.application.port.out;

import java.util.List;

import com.fxbank.account.domain.PublishedMessage;
import com.fxbank.common.exchange.ExchangeId;

/** The messages this ledger published for an exchange, oldest first. */
public interface PublishedMessageLog {

    List<PublishedMessage> messagesOf(ExchangeId id);
}
