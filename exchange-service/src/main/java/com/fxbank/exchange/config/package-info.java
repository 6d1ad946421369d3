/**
 * Spring configuration: properties records, and the beans that hand settings to the domain and the adapters
 * as values of theirs. The only package that reads configuration.
 */
package com.fxbank.exchange.config;
