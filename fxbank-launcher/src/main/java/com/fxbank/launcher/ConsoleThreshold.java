package com.fxbank.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * What the console of {@code ./fxbank up} shows of the log: everything with {@code --verbose}; otherwise nothing below
 * ERROR while the bank starts (the launcher prints a line per part instead) and nothing below WARN once its banner is
 * printed. The full log goes to the file either way. The level is the JVM's, not the appender's, because every service's
 * Spring context configures logging anew and would otherwise reset it.
 */
public final class ConsoleThreshold extends Filter<ILoggingEvent> {

    private static volatile Level threshold = Level.ALL;

    /** Shows {@code level} and above on the console from now on. */
    static void show(Level level) {
        threshold = level;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return event.getLevel().isGreaterOrEqual(threshold) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
