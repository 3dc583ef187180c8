package org.parley.report;

/** How a report splits its figures: by who, where, how urgent, or when (in the viewer's time zone). */
public enum GroupBy {
    AGENT("Agent"), TEAM("Team"), CHANNEL("Channel"), PRIORITY("Priority"), DAY("Day"), WEEK("Week");

    private final String label;

    GroupBy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
