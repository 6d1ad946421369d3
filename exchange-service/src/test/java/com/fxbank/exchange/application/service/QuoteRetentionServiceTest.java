package com.fxbank.exchange.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.domain.Quote;
import com.fxbank.exchange.domain.QuoteRetention;
import org.junit.jupiter.api.Test;

/**
 * Quote retention with another instance deleting beside it (every exchange-service instance runs it): the mark that
 * says "every unused quote before here is gone" never moves past a quote still there. Found by the fault suite's
 * 30-minute soak, where two instances ran it and one unused quote outlived its retention for good.
 */
class QuoteRetentionServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final QuoteRetention RETENTION = new QuoteRetention(Duration.ofMinutes(10), 3);

    @Test
    void a_batch_cut_short_by_another_instance_does_not_move_the_mark_past_quotes_it_left() {
        // Five unused quotes expired in the period; this run's first batch picks three, but the other instance deleted
        // two of them a moment before: the batch deletes one, short, while two it never picked are still there.
        Period period = new Period(5);
        period.otherInstanceDeletesNextBatch(2);
        QuoteRetentionService service = new QuoteRetentionService(period, RETENTION, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(service.deleteUnusedExpiredQuotes()).isEqualTo(1);
        assertThat(period.left).isEqualTo(2);
        assertThat(period.doneUpTo).as("the mark, with quotes still before it").isEqualTo(Instant.EPOCH);

        // The next run goes over the same period and, finding it empty afterwards, moves the mark.
        assertThat(service.deleteUnusedExpiredQuotes()).isEqualTo(2);
        assertThat(period.left).isZero();
        assertThat(period.doneUpTo).isEqualTo(NOW.minus(RETENTION.keepUnused()));
    }

    @Test
    void a_run_alone_moves_the_mark_once_its_last_batch_is_short() {
        Period period = new Period(7);
        QuoteRetentionService service = new QuoteRetentionService(period, RETENTION, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(service.deleteUnusedExpiredQuotes()).isEqualTo(7);
        assertThat(period.doneUpTo).isEqualTo(NOW.minus(RETENTION.keepUnused()));
    }

    /** The unused expired quotes of one period, counted, and the retention mark. */
    private static final class Period implements QuoteStore {
        int left;
        Instant doneUpTo = Instant.EPOCH;
        private final List<Integer> stolen = new ArrayList<>();

        Period(int unused) {
            this.left = unused;
        }

        void otherInstanceDeletesNextBatch(int quotes) {
            stolen.add(quotes);
        }

        @Override
        public int deleteUnusedExpiredBetween(Instant from, Instant cutoff, int batch) {
            int picked = Math.min(batch, left);
            int takenBeside = stolen.isEmpty() ? 0 : Math.min(picked, stolen.removeFirst());
            left -= picked;
            return picked - takenBeside;
        }

        @Override
        public boolean anyUnusedExpiredBetween(Instant from, Instant cutoff) {
            return left > 0;
        }

        @Override
        public Instant retentionDoneUpTo() {
            return doneUpTo;
        }

        @Override
        public void retentionDoneUpTo(Instant upto) {
            doneUpTo = upto;
        }

        @Override
        public void save(Quote quote) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Quote> find(UUID id) {
            throw new UnsupportedOperationException();
        }
    }
}
