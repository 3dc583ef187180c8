package org.parley.wallboard.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.parley.security.RoleGuard;
import org.parley.team.AgentPrincipal;
import org.parley.team.Role;
import org.parley.team.TeamDirectory;
import org.parley.wallboard.Tiles;
import org.parley.wallboard.Wallboard;
import org.parley.wallboard.WallboardScope;
import org.parley.wallboard.WallboardSnapshot;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The wallboard's numbers for LEAD (own teams), SUPERVISOR and ADMIN tokens (the whole desk). */
@RestController
class WallboardController {

    record TilesJson(UUID teamId, String teamName, long depth, long unassigned, Instant oldestWaitingSince,
            Long oldestWaitingSeconds, long agentsOnline, long agentsAway, long agentsOffline, long atRisk,
            long breached) {
    }

    record BoardJson(Instant computedAt, List<TilesJson> teams, TilesJson totals) {
    }

    private final Wallboard wallboard;
    private final TeamDirectory team;
    private final RoleGuard roles;
    private final Clock clock;

    WallboardController(Wallboard wallboard, TeamDirectory team, RoleGuard roles, Clock clock) {
        this.wallboard = wallboard;
        this.team = team;
        this.roles = roles;
        this.clock = clock;
    }

    @GetMapping("/api/v1/wallboard")
    BoardJson wallboard(@AuthenticationPrincipal AgentPrincipal principal) {
        roles.requireAny(Role.LEAD, Role.SUPERVISOR, Role.ADMIN);
        WallboardSnapshot board = principal == null || principal.agentId() == null
                ? wallboard.board(WallboardScope.ALL) // the bootstrap token: an administrator without an agent
                : wallboard.boardFor(team.findAgent(principal.agentId())
                        .orElseThrow(() -> new AccessDeniedException("unknown agent")));
        Instant now = clock.instant();
        return new BoardJson(board.computedAt(), board.teams().stream().map(t -> json(t, now)).toList(),
                json(board.totals(), now));
    }

    private static TilesJson json(Tiles t, Instant now) {
        Long waited = t.oldestWaitingSince() == null ? null
                : Math.max(0, Duration.between(t.oldestWaitingSince(), now).toSeconds());
        return new TilesJson(t.teamId(), t.teamName(), t.depth(), t.unassigned(), t.oldestWaitingSince(), waited,
                t.agentsOnline(), t.agentsAway(), t.agentsOffline(), t.atRisk(), t.breached());
    }
}
