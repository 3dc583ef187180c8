package org.parley.base;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an erasure leaves of an external id (a Message-ID can hold an address, a social id is the person's
 * account, a call id leads to the provider's records): {@value #PREFIX} + the SHA-256 of the id in hex. The same
 * id always hashes the same way, so links between erased records (a reply to a message) still match.
 */
public final class ErasedIds {

    public static final String PREFIX = "erased:";

    private ErasedIds() {
    }

    /** The hashed form; null stays null and an id hashed already stays as it is. */
    public static String hash(String id) {
        if (id == null || id.startsWith(PREFIX)) {
            return id;
        }
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
