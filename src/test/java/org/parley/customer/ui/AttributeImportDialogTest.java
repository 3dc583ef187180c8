package org.parley.customer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.base.Channel;
import org.parley.customer.CustomerDirectory;
import org.parley.customer.CustomerDirectory.IdentityInput;
import org.parley.ui.UiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** A CRM's CSV export sets customer attributes by identity from the Customers view, line by line. */
@WithMockUser(username = UiTest.AGENT, roles = "AGENT")
class AttributeImportDialogTest extends UiTest {

    @Autowired
    CustomerDirectory customers;

    @Test
    void eachLineIsMergedIntoItsCustomerAndRefusedLinesAreNamed() {
        String id = unique();
        var ann = customers.create("Ann " + id, List.of(new IdentityInput(Channel.EMAIL, "ann-" + id + "@example.com")));
        var bob = customers.create("Bob " + id, List.of(new IdentityInput(Channel.PHONE, "+49 30 5550" + id.hashCode() % 1000)));
        customers.setAttribute(bob.id(), "plan", "free");
        String bobPhone = customers.get(bob.id()).identities().getFirst().value();
        String csv = """
                identity,plan,seats
                EMAIL:ANN-%1$s@example.com,enterprise,40
                PHONE:%2$s,,3
                EMAIL:nobody-%1$s@example.com,pro,1
                carrier-pigeon,pro,1
                EMAIL:ann-%1$s@example.com,%3$s,
                """.formatted(id, bobPhone, "x".repeat(1001));

        navigate(CustomersView.class);
        test($(Button.class).id("import-attributes")).click();
        AttributeImportDialog dialog = $(AttributeImportDialog.class).single();
        dialog.apply(csv.getBytes(StandardCharsets.UTF_8));

        String said = $(Div.class).id("attribute-import-result").getElement().getTextRecursively();
        assertThat(said).contains("2 customer(s) updated", "1 line(s) without a known customer", "3 line(s) not applied")
                .contains("line 4: no customer with the identity").contains("line 5: identity must be written as TYPE:value")
                .contains("line 6: attribute value must be at most 1000 characters");
        assertThat(customers.get(ann.id()).attributes()).containsEntry("plan", "enterprise").containsEntry("seats", "40");
        assertThat(customers.get(bob.id()).attributes()).as("an empty cell leaves the attribute as it is")
                .containsEntry("plan", "free").containsEntry("seats", "3");

        dialog.apply("email,plan\nann@example.com,pro\n".getBytes(StandardCharsets.UTF_8));
        assertThat($(Div.class).id("attribute-import-result").getElement().getTextRecursively())
                .contains("Nothing imported").contains("'identity'");
    }
}
