package org.parley.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import org.parley.base.Channel;

/** One look for a channel everywhere in the UI: an icon, and a badge with icon and label. */
public final class ChannelIcons {

    private ChannelIcons() {
    }

    public static VaadinIcon vaadinIcon(Channel channel) {
        return switch (channel) {
            case EMAIL -> VaadinIcon.ENVELOPE;
            case PHONE -> VaadinIcon.PHONE;
            case X -> VaadinIcon.TWITTER;
            case FACEBOOK -> VaadinIcon.FACEBOOK;
            case INSTAGRAM -> VaadinIcon.CAMERA;
            case WHATSAPP -> VaadinIcon.COMMENT_ELLIPSIS;
            case API -> VaadinIcon.CODE;
        };
    }

    /** The icon name as Lit templates use it, e.g. {@code vaadin:envelope}. */
    public static String iconName(Channel channel) {
        return "vaadin:" + vaadinIcon(channel).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Icon icon(Channel channel) {
        Icon icon = vaadinIcon(channel).create();
        icon.addClassName("channel-icon");
        icon.getElement().setAttribute("title", channel.label());
        icon.getElement().setAttribute("aria-label", channel.label());
        return icon;
    }

    /** Icon and label, e.g. "[envelope] Email", tinted per channel. */
    public static Component badge(Channel channel) {
        Span badge = new Span(icon(channel), new Span(channel.label()));
        badge.addClassNames("channel-badge", "channel-" + channel.name().toLowerCase(java.util.Locale.ROOT));
        return badge;
    }
}
