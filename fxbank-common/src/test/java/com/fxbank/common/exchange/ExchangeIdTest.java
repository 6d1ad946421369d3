package com.fxbank.common.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The one check of an exchange id's text, wherever it arrives: a URL, a JSON field, a message key. */
class ExchangeIdTest {

    @Test
    void the_canonical_text_of_a_uuid_is_an_exchange_id_and_reads_back_the_same() {
        String text = UUID.randomUUID().toString();
        assertThat(ExchangeId.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void anything_else_is_refused_with_a_short_message() {
        String upper = UUID.randomUUID().toString().toUpperCase();
        assertThatThrownBy(() -> ExchangeId.parse(upper)).hasMessageContaining("canonical lower-case UUID");
        assertThatThrownBy(() -> ExchangeId.parse("1-1-1-1-1")).hasMessageContaining("canonical lower-case UUID");
        assertThatThrownBy(() -> ExchangeId.parse(null)).hasMessage("exchangeId is required");
        assertThatThrownBy(() -> ExchangeId.parse("x".repeat(100_000)))
                .hasMessageContaining("an input of 100000 characters").message().hasSizeLessThan(120);
    }
}
