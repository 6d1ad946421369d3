/**
 * One trace per exchange: Micrometer Tracing over OpenTelemetry, the exporters chosen by configuration, the
 * exchange id on every span.
 */
package com.fxbank.tracing;
