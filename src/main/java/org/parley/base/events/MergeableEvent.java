package org.parley.base.events;

/**
 * An event that absorbs a later one of its kind published in the same transaction, so that one unit of work
 * (a rule run, an escalation, an agent's edit of several fields) is one event: one push, one recompute.
 */
public interface MergeableEvent<E extends MergeableEvent<E>> extends DomainEvent {

    /** Whether {@code later}, published after this one in the same transaction, can be folded into it. */
    boolean canAbsorb(DomainEvent later);

    /** This event with {@code later} folded in. */
    E absorb(E later);
}
