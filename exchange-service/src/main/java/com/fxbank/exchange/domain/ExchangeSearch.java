package com.fxbank.exchange.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator looks for among the exchanges: every criterion given must hold. Results come newest
 * first, a page at a time; no search reads further than {@link #DEEPEST} exchanges into the list, so none costs more
 * than an indexed read of that many rows.
 *
 * @param owner                   the customer
 * @param olderThan               created at least this long ago
 * @param refundPendingLongerThan waiting for its refund (CANCELING_WITHDRAWAL) for at least this long
 */
public record ExchangeSearch(Optional<String> owner, Optional<ExchangeState> state, Optional<Direction> direction,
                             boolean needingAttention, Optional<Duration> olderThan,
                             Optional<Duration> refundPendingLongerThan, int page, int size) {

    public static final int LARGEST_PAGE = 100;
    public static final int DEEPEST = 10_000;

    public ExchangeSearch {
        Objects.requireNonNull(owner);
        Objects.requireNonNull(state);
        Objects.requireNonNull(direction);
        Objects.requireNonNull(olderThan);
        Objects.requireNonNull(refundPendingLongerThan);
        if (size < 1 || size > LARGEST_PAGE) {
            throw new IllegalArgumentException("size must be 1 to " + LARGEST_PAGE + ", got " + size);
        }
        if (page < 0 || ((long) page + 1) * size > DEEPEST) {
            throw new IllegalArgumentException("page must be 0 or more and reach no further than the newest " + DEEPEST
                    + " exchanges (narrow the search instead), got page " + page + " of size " + size);
        }
        if (olderThan.filter(Duration::isNegative).isPresent() || refundPendingLongerThan.filter(Duration::isNegative).isPresent()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public int offset() {
        return page * size;
    }

    /** A page of results; {@code more} when a next page has at least one. */
    public record Page(List<Exchange> exchanges, boolean more) {
    }
}
