package org.parley.conversation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.parley.base.events.DomainEvent;
import org.parley.base.events.MergeableEvent;

/**
 * The conversation's own fields changed. One unit of work is one event: an agent's edit, a rule run or an
 * escalation that changes several fields publishes one {@code ConversationChanged} with all of them (the
 * spine merges the changes of one transaction), so subscribers recompute and screens repaint once.
 *
 * @param origin who made the change (routing ignores its own)
 * @param actorId the agent behind an AGENT change, else null
 * @param changes what changed, from what to what; a field appears at most once
 */
public record ConversationChanged(UUID conversationId, UUID customerId, Origin origin, UUID actorId,
        List<Change> changes, Instant occurredAt) implements ConversationEvent, MergeableEvent<ConversationChanged> {

    public ConversationChanged {
        changes = List.copyOf(changes);
    }

    /** One changed field. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME)
    @JsonSubTypes({@JsonSubTypes.Type(StatusChanged.class), @JsonSubTypes.Type(Assigned.class),
            @JsonSubTypes.Type(TeamChanged.class), @JsonSubTypes.Type(PriorityChanged.class),
            @JsonSubTypes.Type(TagsChanged.class), @JsonSubTypes.Type(SnoozeChanged.class)})
    public sealed interface Change permits StatusChanged, Assigned, TeamChanged, PriorityChanged, TagsChanged,
            SnoozeChanged {

        /** This change followed by {@code later} of the same field. */
        Change then(Change later);
    }

    public record StatusChanged(ConversationStatus from, ConversationStatus to) implements Change {
        @Override
        public Change then(Change later) {
            return new StatusChanged(from, ((StatusChanged) later).to());
        }
    }

    public record Assigned(UUID from, UUID to) implements Change {
        @Override
        public Change then(Change later) {
            return new Assigned(from, ((Assigned) later).to());
        }
    }

    public record TeamChanged(UUID from, UUID to) implements Change {
        @Override
        public Change then(Change later) {
            return new TeamChanged(from, ((TeamChanged) later).to());
        }
    }

    public record PriorityChanged(Priority from, Priority to) implements Change {
        @Override
        public Change then(Change later) {
            return new PriorityChanged(from, ((PriorityChanged) later).to());
        }
    }

    public record TagsChanged(Set<String> from, Set<String> to) implements Change {
        public TagsChanged {
            from = Set.copyOf(from);
            to = Set.copyOf(to);
        }

        @Override
        public Change then(Change later) {
            return new TagsChanged(from, ((TagsChanged) later).to());
        }
    }

    /**
     * Snoozed, snoozed again or woken: {@code from} and {@code to} are null when the conversation was not snoozed
     * (so a wake is {@code to == null}).
     */
    public record SnoozeChanged(Snooze from, Snooze to) implements Change {
        @Override
        public Change then(Change later) {
            return new SnoozeChanged(from, ((SnoozeChanged) later).to());
        }

        /** The conversation came back to the queues. */
        public boolean woke() {
            return from != null && to == null;
        }
    }

    /** The change of one kind, if this event has one. */
    public <C extends Change> java.util.Optional<C> find(Class<C> kind) {
        return changes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    public boolean has(Class<? extends Change> kind) {
        return changes.stream().anyMatch(kind::isInstance);
    }

    /** Every change of this event is of that kind (e.g. only a snooze or a wake). */
    public boolean only(Class<? extends Change> kind) {
        return !changes.isEmpty() && changes.stream().allMatch(kind::isInstance);
    }

    @Override
    public boolean canAbsorb(DomainEvent later) {
        return later instanceof ConversationChanged c && c.conversationId().equals(conversationId)
                && c.origin() == origin && java.util.Objects.equals(c.actorId(), actorId);
    }

    @Override
    public ConversationChanged absorb(ConversationChanged later) {
        List<Change> merged = new ArrayList<>(changes);
        for (Change change : later.changes()) {
            int same = -1;
            for (int i = 0; i < merged.size(); i++) {
                if (merged.get(i).getClass() == change.getClass()) {
                    same = i;
                }
            }
            if (same < 0) {
                merged.add(change);
            } else {
                merged.set(same, merged.get(same).then(change));
            }
        }
        return new ConversationChanged(conversationId, customerId, origin, actorId, merged, later.occurredAt());
    }
}
