package com.fxbank.launcher;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %service} in the quick start's log pattern: which of the services sharing this JVM a line comes from. The
 * launcher names the service while it starts it; every thread that start creates (the web server's, Kafka's, the
 * outbox relay, schedulers — and the threads those create in turn) inherits the name. Spring Boot's own application
 * name is one per JVM, so with several services in one JVM it named them all after the last one started.
 */
public final class ServiceOfThread extends ClassicConverter {

    private static final InheritableThreadLocal<String> SERVICE = new InheritableThreadLocal<>();

    /** Names the service whose threads the current thread is about to create; {@code null} ends it. */
    static void name(String service) {
        if (service == null) {
            SERVICE.remove();
        } else {
            SERVICE.set(service);
        }
    }

    @Override
    public String convert(ILoggingEvent event) {
        return current();
    }

    /** The service whose thread this is; {@code fxbank} for the launcher's own. */
    static String current() {
        String service = SERVICE.get();
        return service == null ? "fxbank" : service;
    }
}
