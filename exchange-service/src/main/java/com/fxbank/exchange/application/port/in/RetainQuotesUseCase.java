package com.fxbank.exchange.application.port.in;

/** Keeps the quote table bounded: quotes nobody exchanged go some time after they expired. */
public interface RetainQuotesUseCase {

    /** @return how many quotes were deleted */
    int deleteUnusedExpiredQuotes();
}
