package org.parley.channel.phone;

/** Where a call stands, as telephony providers report it. */
public enum CallStatus {
    RINGING("ringing", false),
    ANSWERED("answered", false),
    COMPLETED("completed", false),
    MISSED("missed", true),
    VOICEMAIL("voicemail", true),
    BUSY("busy", true),
    FAILED("failed", false);

    private final String label;
    private final boolean callbackWhenInbound;

    CallStatus(String label, boolean callbackWhenInbound) {
        this.label = label;
        this.callbackWhenInbound = callbackWhenInbound;
    }

    public String label() {
        return label;
    }

    /** An inbound call that ended like this means someone has to call the customer back. */
    public boolean needsCallbackWhenInbound() {
        return callbackWhenInbound;
    }
}
