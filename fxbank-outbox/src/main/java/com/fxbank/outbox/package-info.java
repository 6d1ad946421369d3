/**
 * The transactional outbox (DESIGN B1): a message is a row written in the business transaction and relayed to
 * Kafka after the commit. A row's states are {@link com.fxbank.outbox.OutboxRowState}; every statement on its table
 * is in {@code OutboxRows}.
 */
package com.fxbank.outbox;
