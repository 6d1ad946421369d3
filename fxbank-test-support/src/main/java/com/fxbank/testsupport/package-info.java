/**
 * What tests share: a PostgreSQL database per test class, the in-JVM broker, development tokens, a ledger operator
 * client, the dependency rule ({@code HexagonalArchitecture}), transactions for the in-memory specifications.
 */
package com.fxbank.testsupport;
