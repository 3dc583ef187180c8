package org.parley.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.parley.conversation.ConversationAccess.Viewer;
import org.parley.conversation.InboxQueries;
import org.parley.conversation.InboxRow;
import org.parley.conversation.Queue;
import org.springframework.stereotype.Service;

/** "Which of the last 200 conversations would this rule have matched, and what would it have done?" */
@Service
public class DryRun {

    public static final int SAMPLE = 200;

    private final InboxQueries inbox;
    private final RoutingEngine engine;

    DryRun(InboxQueries inbox, RoutingEngine engine) {
        this.inbox = inbox;
        this.engine = engine;
    }

    public record Hit(UUID conversationId, String subject, String customerName, List<String> actions) {
    }

    /**
     * @param examined how many conversations were looked at (at most {@value #SAMPLE})
     */
    public record Result(int examined, List<Hit> matches) {
    }

    /** Runs the (validated, possibly unsaved) rule against the latest conversations; changes nothing. */
    public Result run(RuleSpec spec) {
        engine.validate(spec);
        List<InboxRow> latest = Stream.concat(
                        inbox.wholeQueue(Viewer.ROUTING, Queue.ALL_OPEN, null, null, SAMPLE).stream(),
                        inbox.wholeQueue(Viewer.ROUTING, Queue.RESOLVED, null, null, SAMPLE).stream())
                .sorted(Comparator.comparing(InboxRow::lastActivityAt).reversed()).limit(SAMPLE).toList();
        List<Hit> hits = new ArrayList<>();
        for (InboxRow row : latest) {
            engine.factsForDryRun(row.conversationId())
                    .flatMap(facts -> engine.dryRun(spec, facts))
                    .ifPresent(d -> hits.add(new Hit(row.conversationId(), row.subject(), row.customerName(), d.actions())));
        }
        return new Result(latest.size(), hits);
    }
}
