/**
 * The use cases: what the service does, as transactions over its ports. May use its domain, its ports,
 * {@code fxbank-common}, logging and Spring's transactions; never a message contract, configuration or an adapter.
 */
package com.fxbank.exchange.application;
