package com.fxbank.operations;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service names the dead-letter topics of what it consumes, and how a replayed one is given to its consumer again;
 * with this bean it gets a {@link DeadLetterOffice}. {@code redelivery} empty: published again to its original topic.
 */
public record DeadLetterTopics(List<String> topics, Optional<Redelivery> redelivery) {

    public DeadLetterTopics {
        topics = List.copyOf(topics);
        Objects.requireNonNull(redelivery);
    }

    public DeadLetterTopics(List<String> topics) {
        this(topics, Optional.empty());
    }
}
