package org.parley.conversation.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;

/** The cheat sheet the {@code ?} key opens: every key of the inbox. The README's table says the same. */
final class KeyboardHelp {

    /** Key and what it does, in the order an agent learns them. */
    static final List<String[]> KEYS = List.of(
            new String[] {"j / k", "Next / previous conversation in the list"},
            new String[] {"Enter / o", "Open the selected conversation (closes the list drawer)"},
            new String[] {"r", "Reply to the customer"},
            new String[] {"n", "Write an internal note (@ mentions a colleague)"},
            new String[] {"a", "Assign the conversation to me"},
            new String[] {"e", "Resolve and open the next conversation"},
            new String[] {"z", "Snooze the conversation (1 h, tomorrow, next Monday, a date, until the reply)"},
            new String[] {"x", "Select the conversation for bulk actions (shift-click checkboxes for a range)"},
            new String[] {"/", "Find a customer's conversations in the list"},
            new String[] {"Ctrl+Enter", "Send the reply or note (in the composer)"},
            new String[] {"Ctrl+Shift+Enter", "Send and resolve, then open the next conversation"},
            new String[] {"/ in the composer", "Canned responses (at the start of a word)"},
            new String[] {"Esc", "Leave the composer, so the keys above work again"},
            new String[] {"?", "This list"});

    private KeyboardHelp() {
    }

    static Dialog open() {
        Dialog dialog = new Dialog();
        dialog.setId("keyboard-help");
        dialog.setHeaderTitle("Keyboard shortcuts");
        Div table = new Div();
        table.addClassName("keyboard-help");
        for (String[] key : KEYS) {
            Span k = new Span(key[0]);
            k.addClassName("key");
            Span what = new Span(key[1]);
            table.add(k, what);
        }
        Div note = new Div("Keys work from the moment the inbox opens, except while you type in a field.");
        note.addClassName("keyboard-help-note");
        Button close = new Button("Close", e -> dialog.close());
        close.setId("keyboard-help-close");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(table, note);
        dialog.getFooter().add(close);
        dialog.open();
        close.focus();
        return dialog;
    }
}
