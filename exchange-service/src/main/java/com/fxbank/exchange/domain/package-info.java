/**
 * Plain Java: the values, entities and decisions of the exchange (no Spring, no SQL, no I/O).
 * A new rule of the business goes here first, with a test in memory.
 * The saga's decision table is {@link com.fxbank.exchange.domain.SagaRules}.
 */
package com.fxbank.exchange.domain;
