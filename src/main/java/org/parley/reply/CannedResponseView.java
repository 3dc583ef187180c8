package org.parley.reply;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.parley.conversation.ConversationStatus;
import org.parley.conversation.Priority;

/** A read-only canned response with its usage figures, for views and the picker. */
public record CannedResponseView(UUID id, String title, String shortcut, String body, String shortBody,
        String folder, List<String> tags, ResponseScope scope, UUID teamId, UUID ownerAgentId, Macro macro,
        long timesUsed, Instant lastUsedAt, UUID lastUsedBy) {

    static CannedResponseView of(CannedResponse r) {
        Macro macro = new Macro(
                r.getMacroStatus() == null ? null : ConversationStatus.valueOf(r.getMacroStatus()),
                r.getMacroPriority() == null ? null : Priority.valueOf(r.getMacroPriority()),
                r.getMacroTags() == null ? List.of() : List.of(r.getMacroTags().split(",")),
                r.getMacroAssign() == null ? null : Macro.Assign.valueOf(r.getMacroAssign()));
        return new CannedResponseView(r.getId(), r.getTitle(), r.getShortcut(), r.getBody(), r.getShortBody(),
                r.getFolder(), r.getTags().stream().sorted().toList(), r.getScope(), r.getTeamId(),
                r.getOwnerAgentId(), macro, r.getTimesUsed(), r.getLastUsedAt(), r.getLastUsedBy());
    }

    /** The body to use on a channel with a length limit (0: none): the short variant when the body is too long. */
    public String bodyFor(int maxLength) {
        if (maxLength > 0 && shortBody != null && !shortBody.isBlank() && body.length() > maxLength) {
            return shortBody;
        }
        return body;
    }
}
