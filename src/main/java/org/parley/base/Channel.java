package org.parley.base;

/**
 * The places a customer can write from. The same names type a customer's identities, so a
 * conversation's channel says which identity answers reach.
 */
public enum Channel {
    EMAIL("Email", false, 0),
    PHONE("Phone", false, 0),
    X("X", true, 280),
    FACEBOOK("Facebook", true, 8000),
    INSTAGRAM("Instagram", true, 2200),
    WHATSAPP("WhatsApp", false, 4096),
    API("API", false, 0);

    private final String label;
    private final boolean socialNetwork;
    private final int maxLength;

    Channel(String label, boolean socialNetwork, int maxLength) {
        this.label = label;
        this.socialNetwork = socialNetwork;
        this.maxLength = maxLength;
    }

    public String label() {
        return label;
    }

    public boolean socialNetwork() {
        return socialNetwork;
    }

    /** Longest message the network accepts, or 0 when there is no practical limit. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Whether a reply in a thread of this channel is visible to the public: posts, mentions and comments
     * on social networks are; direct messages (thread keys starting with {@code dm:}), email and calls are not.
     */
    public boolean isPublicThread(String threadKey) {
        return socialNetwork && (threadKey == null || !threadKey.startsWith(DIRECT_MESSAGE_THREAD_PREFIX));
    }

    /** Channel adapters start the thread key of a private conversation (a DM) with this prefix. */
    public static final String DIRECT_MESSAGE_THREAD_PREFIX = "dm:";

    /** Parses an upper-case channel name as used in the API, with a clear error otherwise. */
    public static Channel parse(String name, String field) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(field + " is required");
        }
        try {
            return Channel.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field + " must be one of "
                    + java.util.Arrays.toString(values()) + ", not '" + name + "'");
        }
    }
}
