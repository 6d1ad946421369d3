package com.fxbank.exchange.application.port.in;

import java.time.ZoneId;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.domain.BusinessDay;

/** A customer's limits and what is left of them today and this year ({@code GET /api/v1/limits}). */
public interface LimitsQuery {

    Limits limitsOf(String owner);

    /** All amounts in USD equivalent; {@code own}: set for this customer by an operator, not the bank's defaults. */
    record Limits(BusinessDay day, ZoneId businessZone, boolean own, Money daily, Money usedToday, Money leftToday, Money yearly,
                  Money usedThisYear, Money leftThisYear) {
    }
}
