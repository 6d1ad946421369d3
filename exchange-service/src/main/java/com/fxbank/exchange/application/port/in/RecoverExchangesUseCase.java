package com.fxbank.exchange.application.port.in;

/** DESIGN B3, B4: drives every due exchange on, after a crash, a timeout or while a refund is awaited. */
public interface RecoverExchangesUseCase {

    /** @return how many exchanges were claimed and driven */
    int driveDueExchanges();
}
