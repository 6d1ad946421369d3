package com.fxbank.exchange.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A business date, in the bank's zone (Asia/Seoul by default): the day and the year customer limits are counted in.
 * An exchange counts in the business day it started.
 */
public record BusinessDay(LocalDate date) {

    public BusinessDay {
        Objects.requireNonNull(date, "date");
    }

    /** The business day of {@code instant} in {@code zone}. */
    public static BusinessDay of(Instant instant, ZoneId zone) {
        return new BusinessDay(instant.atZone(zone).toLocalDate());
    }

    public int year() {
        return date.getYear();
    }

    /** The first day of its business year, under which the year's usage is kept. */
    public LocalDate firstOfYear() {
        return date.withDayOfYear(1);
    }
}
