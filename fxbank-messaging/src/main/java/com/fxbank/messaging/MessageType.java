package com.fxbank.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name and version a message record travels under (DESIGN.md §7). A consumer refuses any other
 * name or version as a poison message rather than guessing at its meaning.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageType {

    String name();

    int version();
}
