/**
 * Where the service meets the world: {@code in.*} call incoming ports (web, messaging, schedulers, metrics),
 * {@code out.*} implement outgoing ones (persistence, messaging through the outbox, the ledgers over HTTP, rate
 * sources, metrics, tracing).
 * An adapter never depends on another adapter, nor on {@code config}: it is given its settings.
 */
package com.fxbank.exchange.adapter;
