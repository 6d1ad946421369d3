/**
 * What the service needs from the outside world (its store, the ledgers, the outbox, metrics and traces),
 * as the application sees it. Adapters implement these; in-memory fakes of them drive the specifications in tests.
 */
package com.fxbank.exchange.application.port.out;
