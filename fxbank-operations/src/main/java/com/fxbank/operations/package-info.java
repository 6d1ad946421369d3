/**
 * What every service gives its operators: the append-only journal of their actions, the outbox's parked rows
 * and their release, the dead letters of the topics it consumes and their replay; their endpoints are in {@code web}.
 */
package com.fxbank.operations;
