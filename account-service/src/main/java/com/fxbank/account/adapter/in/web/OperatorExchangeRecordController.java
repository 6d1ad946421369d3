package com.fxbank.account.adapter.in.web;

import java.time.Instant;
import java.util.List;

import com.fxbank.account.application.port.in.ExchangeRecordQuery;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.PublishedMessage;
import com.fxbank.account.domain.SagaOperation;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.WebAdapter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Bank staff only (role OPERATOR): what this ledger did for one exchange, for the operators' console. */
@WebAdapter
@RestController
@RequestMapping("/ops/v1/exchanges")
@Tag(name = "Exchanges on this ledger (operator)", description = "Role OPERATOR")
class OperatorExchangeRecordController {

    private final ExchangeRecordQuery records;

    OperatorExchangeRecordController(ExchangeRecordQuery records) {
        this.records = records;
    }

    record OperationResponse(String kind, String state, String reason, String owner, String accountId, String amount,
                             String currency) {
        static OperationResponse of(SagaOperation operation) {
            String kind = operation.kind().name();
            String state = operation.state().name();
            return switch (operation) {
                case SagaOperation.Applied a -> new OperationResponse(kind, state, null, a.owner().value(),
                        a.accountId().toString(), AccountResponse.plain(a.amount()), a.amount().currency().getCurrencyCode());
                case SagaOperation.Refused r -> new OperationResponse(kind, state, r.reason().name(), r.owner().value(),
                        r.account().map(Object::toString).orElse(null), AccountResponse.plain(r.amount()),
                        r.amount().currency().getCurrencyCode());
                case SagaOperation.Refunded r -> new OperationResponse(kind, state, null, r.owner().value(),
                        r.accountId().toString(), AccountResponse.plain(r.amount()), r.amount().currency().getCurrencyCode());
                case SagaOperation.Tombstone t -> new OperationResponse(kind, state, null, null, null, null, null);
            };
        }
    }

    record EntryResponse(long id, String accountId, String kind, String amount, String currency, String balanceAfter,
                         Instant at) {
        static EntryResponse of(LedgerEntry entry) {
            return new EntryResponse(entry.id(), entry.accountId().toString(), entry.kind().name(),
                    entry.amount().amount().toPlainString(), entry.amount().currency().getCurrencyCode(),
                    entry.balanceAfter().amount().toPlainString(), entry.at());
        }
    }

    record MessageResponse(String topic, Instant writtenAt, Instant sentAt, Integer partition, Long offset,
                           int failedSends, String lastError, boolean parked) {
        static MessageResponse of(PublishedMessage message) {
            return new MessageResponse(message.topic(), message.writtenAt(), message.sentAt().orElse(null),
                    message.partition().orElse(null), message.offset().orElse(null), message.failedSends(),
                    message.lastError().orElse(null), message.parked());
        }
    }

    record RecordResponse(String exchangeId, List<OperationResponse> operations, List<EntryResponse> entries,
                          List<MessageResponse> messages) {
    }

    @GetMapping("/{exchangeId}")
    @Operation(summary = "What this ledger did for an exchange: its saga steps (withdrawal, deposit, refund, tombstone), "
            + "the entries they made on accounts, the replies it published (topic, partition, offset, sent); empty "
            + "lists when this ledger never heard of it")
    RecordResponse record(@PathVariable String exchangeId) {
        ExchangeId id = ExchangeId.parse(exchangeId);
        ExchangeRecordQuery.ExchangeRecord record = records.recordOf(id);
        return new RecordResponse(id.toString(),
                record.operations().stream().map(OperationResponse::of).toList(),
                record.entries().stream().map(EntryResponse::of).toList(),
                record.messages().stream().map(MessageResponse::of).toList());
    }
}
