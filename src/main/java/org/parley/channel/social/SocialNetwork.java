package org.parley.channel.social;

/** The platforms whose accounts an admin connects: Meta (Facebook Pages and Instagram) and X. */
public enum SocialNetwork {
    META("Meta (Facebook / Instagram)"),
    X("X");

    private final String label;

    SocialNetwork(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
