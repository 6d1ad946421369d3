/**
 * What the service offers: one interface per use case, with self-validating command and result records.
 * Adapters call these; incoming ports never know the outgoing ones.
 */
package com.fxbank.exchange.application.port.in;
