package com.fxbank.launcher;

import java.util.function.Supplier;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * JSON log lines of the one-JVM quick start ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs ./fxbank up}) say which
 * service wrote them in {@code fxbank.service}: the format's own service name is one per JVM (the first service
 * started configures logging for all of them).
 */
public final class ServiceJsonMember implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.add("fxbank.service", (Supplier<String>) ServiceOfThread::current);
    }
}
