/**
 * What the service needs from the outside world (its store, the outbox's replies),
 * as the application sees it. Adapters implement these; in-memory fakes of them drive the specifications in tests.
 */
package com.fxbank.account.application.port.out;
