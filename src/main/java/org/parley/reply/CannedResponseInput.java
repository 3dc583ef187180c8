package org.parley.reply;

import java.util.List;
import java.util.UUID;

/**
 * A canned response as written by a user (create, edit, CSV import); the service validates it.
 *
 * @param teamId the team of a TEAM response, otherwise ignored
 * @param ownerAgentId the owner of a PERSONAL response (null: the acting agent)
 */
public record CannedResponseInput(String title, String shortcut, String body, String shortBody, String folder,
        List<String> tags, ResponseScope scope, UUID teamId, UUID ownerAgentId, Macro macro) {

    public CannedResponseInput {
        tags = tags == null ? List.of() : List.copyOf(tags);
        macro = macro == null ? Macro.NONE : macro;
    }
}
