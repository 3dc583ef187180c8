package org.parley.conversation.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import java.util.Set;
import org.parley.base.Channel;

/** Asks before a public reply that looks private goes out, offering to continue in a direct message. */
final class PublicReplyDialog {

    /** Focuses the dialog's cancel button ("Continue in DM" or "Cancel") once it is rendered. */
    static final String FOCUS_CANCEL = "const d = this; requestAnimationFrame(() => setTimeout(() => {"
            + " const b = d.querySelector('[slot=\"cancel-button\"]'); if (b) { b.focus(); } }, 0));";

    private PublicReplyDialog() {
    }

    /**
     * Opens the question when the public reply contains private-looking data.
     *
     * @param continueInDm switches to the customer's direct-message thread; null when there is none
     * @return true when the dialog was opened (the caller sends only through {@code sendAnyway})
     */
    static boolean askIfPrivate(Channel via, String text, Runnable sendAnyway, Runnable continueInDm) {
        Set<PublicReplyGuard.Finding> findings = PublicReplyGuard.scan(text, "US");
        if (findings.isEmpty()) {
            return false;
        }
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("public-reply-warning");
        dialog.setHeader("Send this publicly?");
        dialog.setText(PublicReplyGuard.warning(via, findings)
                + (continueInDm == null ? " The customer has no direct-message conversation on " + via.label()
                        + " yet: cancel and ask them to send one." : ""));
        dialog.setCancelable(true);
        dialog.setCancelText(continueInDm == null ? "Cancel" : "Continue in DM");
        dialog.addCancelListener(e -> {
            if (continueInDm != null) {
                continueInDm.run();
            }
        });
        dialog.setConfirmText("Send publicly");
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> sendAnyway.run());
        // the safe choice has the focus, so Enter (or Space) does not publish by accident: the confirm dialog focuses
        // its confirm button when it opens, so the cancel button is focused once the browser reports it open
        dialog.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                dialog.getElement().executeJs(FOCUS_CANCEL);
            }
        });
        dialog.open();
        dialog.getElement().executeJs(FOCUS_CANCEL);
        return true;
    }
}
