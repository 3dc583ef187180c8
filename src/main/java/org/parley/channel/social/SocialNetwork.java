package org.parley.channel.social;

/**
 * The platforms whose accounts Parley answers for: Meta (Facebook Pages and Instagram) and X, connected by an
 * admin or declared in properties, and WhatsApp business numbers (declared in properties only).
 */
public enum SocialNetwork {
    META("Meta (Facebook / Instagram)"),
    X("X"),
    WHATSAPP("WhatsApp");

    private final String label;

    SocialNetwork(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
