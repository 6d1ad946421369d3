/**
 * The {@code @UseCase} implementations of the incoming ports: I/O and transactions, decisions taken by the domain.
 */
package com.fxbank.exchange.application.service;
