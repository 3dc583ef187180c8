package org.parley.customer;

import org.parley.base.Channel;

/** A normalised identity, as {@link IdentityNormalizer} produces it: the key customers are found by. */
public record IdentityKey(Channel type, String value) {

    @Override
    public String toString() {
        return type + ":" + value;
    }
}
