package com.fxbank.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();
    private final String exchangeId = UUID.randomUUID().toString();

    @Test
    void a_message_travels_with_its_type_and_version_and_comes_back_equal() {
        String json = codec.encode(new WithdrawalCancelResponse(exchangeId, WithdrawalCancelResponse.Outcome.REFUNDED));

        assertThat(json).contains("\"type\":\"WithdrawalCancelResponse\"", "\"version\":1");
        assertThat(codec.decode(json, WithdrawalCancelResponse.class))
                .isEqualTo(new WithdrawalCancelResponse(exchangeId, WithdrawalCancelResponse.Outcome.REFUNDED));
    }

    @Test
    void input_that_can_never_be_processed_is_poison_with_the_reason() {
        assertPoison("{not json", "not JSON");
        assertPoison("", "empty message");
        assertPoison("[1,2]", "not a message envelope");
        assertPoison(envelope("WithdrawalCancelResponse", 1, "{\"exchangeId\":\"" + exchangeId + "\"}"),
                "unexpected message type 'WithdrawalCancelResponse'");
        assertPoison(envelope("WithdrawalCancelRequest", 2, "{\"exchangeId\":\"" + exchangeId + "\"}"),
                "unsupported version 2");
        assertPoison(envelope("WithdrawalCancelRequest", 1, "{\"exchangeId\":\"42\"}"), "exchangeId must be a canonical lower-case UUID");
        assertPoison(envelope("WithdrawalCancelRequest", 1, "{}"), "exchangeId is required");
        assertPoison(envelope("WithdrawalCancelRequest", 1, "{\"exchangeId\":\"" + exchangeId + "\",\"amount\":1}"),
                "amount");
        assertPoison("{\"type\":\"WithdrawalCancelRequest\",\"version\":1}", "without a payload");
    }

    private void assertPoison(String json, String reason) {
        assertThatThrownBy(() -> codec.decode(json, WithdrawalCancelRequest.class))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining(reason);
    }

    private static String envelope(String type, int version, String payload) {
        return "{\"type\":\"" + type + "\",\"version\":" + version + ",\"payload\":" + payload + "}";
    }
}
