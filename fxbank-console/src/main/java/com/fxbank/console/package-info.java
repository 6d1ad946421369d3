/**
 * The operators' web console: pages over the services' operator APIs, called with the operator's token; it holds
 * no data and decides nothing.
 */
package com.fxbank.console;
