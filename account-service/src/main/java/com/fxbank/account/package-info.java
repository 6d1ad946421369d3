/**
 * The ledger participant, one codebase for two deployments (krw-account, fx-account): accounts, their entries
 * and the bank's counter-legs, the saga steps each exchange asks for once, and the compensation consumer. Hexagonal:
 * {@code domain}, {@code application}, {@code adapter}, {@code config}; the dependency rule is {@code ArchitectureTest}.
 */
package com.fxbank.account;
