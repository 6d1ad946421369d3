/**
 * The exchange service: the public API (quotes, exchanges), the saga orchestrator and its recovery, the
 * desk's positions. Hexagonal: {@code domain}, {@code application}, {@code adapter}, {@code config}; the
 * dependency rule is {@code ArchitectureTest}. Where a new piece goes: docs/architecture.md, "Where things go".
 */
package com.fxbank.exchange;
