package org.parley.channel.phone;

/** How a call an agent logs by hand ended. */
public enum CallOutcome {
    ANSWERED("Answered", false),
    MISSED("Missed", true),
    VOICEMAIL("Voicemail", true),
    CALLBACK_REQUESTED("Callback requested", true);

    private final String label;
    private final boolean needsCallback;

    CallOutcome(String label, boolean needsCallback) {
        this.label = label;
        this.needsCallback = needsCallback;
    }

    public String label() {
        return label;
    }

    public boolean needsCallback() {
        return needsCallback;
    }
}
