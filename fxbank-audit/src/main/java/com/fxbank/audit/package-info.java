/**
 * The money invariant checked from the outside, straight from the three databases and Kafka; {@code ExchangeVerdict}
 * is the rule for one exchange.
 */
package com.fxbank.audit;
