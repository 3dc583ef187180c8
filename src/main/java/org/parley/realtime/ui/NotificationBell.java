package org.parley.realtime.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.spring.annotation.SpringComponent;
import java.util.List;
import org.parley.base.ui.Ages;
import org.parley.conversation.ConversationAccess;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.base.ui.HeaderContribution;
import org.parley.base.ui.Notifications;
import org.parley.realtime.NotificationCenter;
import org.parley.realtime.NotificationView;
import org.parley.team.Agent;
import org.parley.team.CurrentAgent;

/** The notification bell in the top bar: unread count, the latest notifications, mark read. */
@SpringComponent
class NotificationBell implements HeaderContribution {

    static final int SHOWN = 30;
    /** Notifications of this kind also show as a toast where the agent is working. */
    static final String DELIVERY_FAILED = "DELIVERY_FAILED";

    private final NotificationCenter center;
    private final CurrentAgent currentAgent;
    private final ConversationAccess access;

    NotificationBell(NotificationCenter center, CurrentAgent currentAgent, ConversationAccess access) {
        this.access = access;
        this.center = center;
        this.currentAgent = currentAgent;
    }

    @Override
    public Component create() {
        return currentAgent.find().map(Agent::getId).map(id -> (Component) new Bell(center, access.viewerOf(id))).orElse(null);
    }

    /** One bell in one browser tab. */
    static class Bell extends Div {

        private final transient NotificationCenter center;
        /** The signed-in agent's viewer: the bell reads, marks and hears only their own notifications. */
        private final Viewer viewer;
        private final Button button = new Button(VaadinIcon.BELL.create());
        private final Span badge = new Span();
        private final Div list = new Div();
        private final Popover popover = new Popover();
        private transient AutoCloseable listening;

        Bell(NotificationCenter center, Viewer viewer) {
            this.center = center;
            this.viewer = viewer;
            setId("notification-bell");
            addClassName("notification-bell");
            button.setId("notification-button");
            button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            button.setAriaLabel("Notifications");
            badge.setId("notification-count");
            badge.addClassName("notification-count");
            badge.getElement().getThemeList().add("badge error pill small");
            list.setId("notification-list");
            list.addClassName("notification-list");
            Button readAll = new Button("Mark all read", e -> {
                center.markAllRead(viewer);
                refresh();
            });
            readAll.setId("notifications-read-all");
            readAll.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            popover.setTarget(button);
            popover.add(readAll, list);
            popover.addOpenedChangeListener(e -> {
                if (e.isOpened()) {
                    refresh();
                }
            });
            add(button, badge, popover);
            addAttachListener(e -> {
                UI ui = e.getUI();
                listening = center.addListener(viewer, n -> {
                    if (n.agentId().equals(viewer.agentId())) {
                        try {
                            ui.access(() -> {
                                refresh();
                                if (DELIVERY_FAILED.equals(n.kind())) {
                                    // not only a number on the bell: the agent believes the customer has the answer
                                    Notifications.error(n.text()).addClassName("delivery-failed-toast");
                                }
                            });
                        } catch (UIDetachedException ignored) {
                            // closing: the detach listener stops listening
                        }
                    }
                });
                refresh();
            });
            addDetachListener(e -> {
                if (listening != null) {
                    try {
                        listening.close();
                    } catch (Exception ignored) {
                        // removing a listener cannot fail
                    }
                }
            });
        }

        void refresh() {
            long unread = center.unreadCount(viewer);
            badge.setText(unread == 0 ? "" : Long.toString(unread));
            badge.setVisible(unread > 0);
            button.getElement().setAttribute("data-unread", Long.toString(unread));
            list.removeAll();
            List<NotificationView> latest = center.latest(viewer, SHOWN);
            if (latest.isEmpty()) {
                list.add(new Div("No notifications yet."));
            }
            for (NotificationView n : latest) {
                Div item = new Div();
                item.addClassName("notification");
                item.getElement().getClassList().set("unread", n.unread());
                item.getElement().setAttribute("data-kind", n.kind());
                Span when = new Span(Ages.age(n.createdAt()));
                when.addClassName("notification-age");
                item.add(new Span(n.text()), when);
                item.addClickListener(e -> open(n));
                list.add(item);
            }
        }

        long unread() {
            return center.unreadCount(viewer);
        }

        void open(NotificationView n) {
            center.markRead(viewer, n.id());
            popover.close();
            refresh();
            if (n.conversationId() != null) {
                getUI().ifPresent(ui -> ui.navigate("inbox/" + n.conversationId()));
            }
        }
    }
}
