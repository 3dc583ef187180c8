package org.parley.conversation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.team.Agent;
import org.parley.team.Role;
import org.parley.team.Team;
import org.parley.team.TeamDirectory;
import org.springframework.stereotype.Service;

/**
 * {@code @mentions} in internal notes: the one pattern that finds them (the notification that tells the mentioned
 * agent reads the same) and who may be mentioned on a conversation — the active agents who may see it, so a
 * mention never carries a conversation to someone it is hidden from.
 */
@Service
public class Mentions {

    /** {@code @name}: a letter after the {@code @}, not inside a word or an email address. */
    public static final Pattern PATTERN = Pattern.compile("(?<![\\p{L}\\p{N}@._-])@([\\p{L}][\\p{L}\\p{N}._-]*)");

    /** Someone who may be mentioned: {@code @username} (or {@code @firstname}) reaches them. */
    public record Candidate(UUID agentId, String username, String displayName) {
    }

    private final TeamDirectory team;
    private final ConversationAccess access;
    private final ConversationService conversations;

    Mentions(TeamDirectory team, ConversationAccess access, ConversationService conversations) {
        this.team = team;
        this.access = access;
        this.conversations = conversations;
    }

    /** The names a text mentions, lower-case, in order, without trailing punctuation. */
    public static Set<String> namesIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text == null) {
            return names;
        }
        Matcher m = PATTERN.matcher(text);
        while (m.find()) {
            names.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[._-]+$", ""));
        }
        return names;
    }

    /**
     * The active agents who may see the conversation (which the viewer must see), sorted by name, without the
     * viewer. Two queries whatever the number of agents.
     */
    public List<Candidate> candidates(Viewer viewer, UUID conversationId) {
        ConversationView c = conversations.get(viewer, conversationId);
        Map<UUID, Set<UUID>> teamsOf = new HashMap<>();
        Set<UUID> openTeams = new HashSet<>();
        for (Team t : team.allTeams()) {
            t.getMemberIds().forEach(a -> teamsOf.computeIfAbsent(a, x -> new HashSet<>()).add(t.getId()));
            if (t.isOpenToAllAgents()) {
                openTeams.add(t.getId());
            }
        }
        List<Candidate> found = new ArrayList<>();
        for (Agent agent : team.activeAgents()) {
            if (agent.getId().equals(viewer.agentId())) {
                continue;
            }
            boolean seesAll = agent.hasRole(Role.SUPERVISOR) || agent.hasRole(Role.ADMIN);
            Viewer theirs = new Viewer(agent.getId(), seesAll, teamsOf.getOrDefault(agent.getId(), Set.of()), openTeams);
            if (access.canSee(theirs, c)) {
                found.add(new Candidate(agent.getId(), agent.getUsername(), agent.getDisplayName()));
            }
        }
        found.sort(Comparator.comparing(Candidate::displayName, String.CASE_INSENSITIVE_ORDER));
        return found;
    }

    /** The candidates whose username, first name or any word of their name starts with {@code prefix}. */
    public static List<Candidate> matching(List<Candidate> candidates, String prefix, int max) {
        String p = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        return candidates.stream().filter(c -> p.isEmpty() || c.username().toLowerCase(Locale.ROOT).startsWith(p)
                || java.util.Arrays.stream(c.displayName().toLowerCase(Locale.ROOT).split("\\s+"))
                        .anyMatch(w -> w.startsWith(p))).limit(max).toList();
    }
}
