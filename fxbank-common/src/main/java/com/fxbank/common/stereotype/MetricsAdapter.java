package com.fxbank.common.stereotype;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * An adapter between the service and its operators' dashboards and trace viewers: meters it records, gauges it reads
 * through a use case, spans and baggage it adds to a trace.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface MetricsAdapter {

    @AliasFor(annotation = Component.class)
    String value() default "";
}
