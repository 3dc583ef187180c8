package org.parley.reply;

/** Who a canned response belongs to, and so who may manage it. */
public enum ResponseScope {
    /** One agent's own response; only that agent sees and manages it. */
    PERSONAL,
    /** A team's response; its members use it, its LEADs (and ADMINs) manage it. */
    TEAM,
    /** Everyone's response; ADMINs manage it. */
    GLOBAL
}
