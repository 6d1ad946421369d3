/**
 * The messages between the services and their rules: JSON envelopes with type and version, the ledger step
 * contract over HTTP, topic names ({@link com.fxbank.messaging.Ledger}), the seed's Kafka settings, retry then
 * {@code .DLT}, batch consumption, a trace kept in a database row.
 */
package com.fxbank.messaging;
