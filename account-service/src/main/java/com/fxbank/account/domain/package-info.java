/**
 * Plain Java: the values, entities and decisions of the ledger (no Spring, no SQL, no I/O).
 * A new rule of the business goes here first, with a test in memory.
 * Money moves only through {@link com.fxbank.account.domain.Account}'s operations.
 */
package com.fxbank.account.domain;
