package org.parley.sidebar;

import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.audit.AuditTrail;
import org.parley.base.Channel;
import org.parley.base.InvalidInputException;
import org.parley.base.NotFoundException;
import org.parley.customer.CustomerProfile;
import org.parley.security.FrameSources;
import org.parley.security.RoleGuard;
import org.parley.team.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sidebar apps: admins add and remove them; every agent's customer panel shows them. A URL template names
 * variables in braces — {@code {customer.id}}, {@code {customer.name}}, {@code {customer.email}},
 * {@code {customer.phone}}, {@code {conversation.id}}, {@code {attribute.<key>}} — each filled in URL-encoded.
 * Only {@code https} URLs (and {@code http://localhost} for development) are accepted, and the page may frame
 * exactly their origins.
 */
@Service
@Transactional
public class SidebarApps implements FrameSources {

    public static final List<String> VARIABLES = List.of("customer.id", "customer.name", "customer.email",
            "customer.phone", "conversation.id", "attribute.<key>");
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z]+(?:\\.[A-Za-z0-9_-]+)+)}");
    private static final int MAX_APPS = 20;

    private final EntityManager em;
    private final RoleGuard roles;
    private final AuditTrail audit;
    private final Clock clock;
    private final boolean allowHttp;
    private volatile Set<String> origins;
    private volatile java.time.Instant originsReadAt = java.time.Instant.EPOCH;

    SidebarApps(EntityManager em, RoleGuard roles, AuditTrail audit, Clock clock,
            @Value("${parley.sidebar.allow-http:false}") boolean allowHttp) {
        this.em = em;
        this.roles = roles;
        this.audit = audit;
        this.clock = clock;
        this.allowHttp = allowHttp;
    }

    public record App(UUID id, String name, String urlTemplate, int height) {
    }

    @Transactional(readOnly = true)
    public List<App> list() {
        return em.createQuery("select a from SidebarApp a order by a.createdAt", SidebarApp.class).getResultList()
                .stream().map(a -> new App(a.getId(), a.getName(), a.getUrlTemplate(), a.getHeight())).toList();
    }

    /** Adds an app (admins only); refuses a blank name, a non-https URL or an unknown variable with the reason. */
    public App add(String name, String urlTemplate, int height) {
        roles.requireAny(Role.ADMIN);
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 60) {
            throw new InvalidInputException("name: 1 to 60 characters");
        }
        String template = urlTemplate == null ? "" : urlTemplate.strip();
        origin(template);
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            String variable = m.group(1);
            if (!VARIABLES.contains(variable) && !variable.startsWith("attribute.")) {
                throw new InvalidInputException("url: unknown variable {" + variable + "}; variables are "
                        + String.join(", ", VARIABLES.stream().map(v -> "{" + v + "}").toList()));
            }
        }
        if (height < 100 || height > 2000) {
            throw new InvalidInputException("height: 100 to 2000 pixels");
        }
        if (list().size() >= MAX_APPS) {
            throw new InvalidInputException("at most " + MAX_APPS + " sidebar apps");
        }
        SidebarApp app = new SidebarApp(n, template, height, clock.instant());
        em.persist(app);
        origins = null;
        audit.record("sidebar.app.added", "sidebar_app", app.getId(), n + ": " + template);
        return new App(app.getId(), n, template, height);
    }

    public void remove(UUID id) {
        roles.requireAny(Role.ADMIN);
        SidebarApp app = em.find(SidebarApp.class, id);
        if (app == null) {
            throw new NotFoundException("no sidebar app " + id);
        }
        em.remove(app);
        origins = null;
        audit.record("sidebar.app.removed", "sidebar_app", id, app.getName());
    }

    /** The app's URL for this customer and conversation (null: none selected), every value URL-encoded. */
    public static String url(String template, CustomerProfile customer, UUID conversationId) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String value = switch (variable) {
                case "customer.id" -> customer.id().toString();
                case "customer.name" -> customer.displayName();
                case "customer.email" -> customer.identityFor(Channel.EMAIL).map(i -> i.value()).orElse("");
                case "customer.phone" -> customer.identityFor(Channel.PHONE).map(i -> i.value()).orElse("");
                case "conversation.id" -> conversationId == null ? "" : conversationId.toString();
                default -> variable.startsWith("attribute.")
                        ? customer.attributes().getOrDefault(variable.substring("attribute.".length()), "") : "";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value == null ? "" : value,
                    StandardCharsets.UTF_8)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The origins the agent screens may frame: those of the apps (read again at most once a minute). Asked for on
     * every response, so it joins no transaction and takes no connection unless the minute is over.
     */
    @Override
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS, readOnly = true)
    public Set<String> frameSources() {
        Set<String> known = origins;
        if (known == null || originsReadAt.isBefore(clock.instant().minusSeconds(60))) {
            originsReadAt = clock.instant();
            Set<String> all = new LinkedHashSet<>();
            em.createQuery("select a.urlTemplate from SidebarApp a", String.class).getResultList()
                    .forEach(t -> all.add(origin(t)));
            origins = known = Set.copyOf(all);
        }
        return known;
    }

    private String origin(String template) {
        int scheme = template.indexOf("://");
        int path = scheme < 0 ? -1 : template.indexOf('/', scheme + 3);
        String authority = scheme < 0 ? template : path < 0 ? template.substring(scheme + 3)
                : template.substring(scheme + 3, path);
        if (authority.contains("{")) {
            throw new InvalidInputException("url: variables only in the path or query, never in the host");
        }
        String probe = VARIABLE.matcher(template).replaceAll("x");
        URI uri;
        try {
            uri = new URI(probe);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url: not a URL (" + e.getReason() + ")");
        }
        String protocol = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(protocol.equals("https") || (protocol.equals("http")
                && (allowHttp || host.equals("localhost") || host.equals("127.0.0.1"))))) {
            throw new InvalidInputException("url: an https:// URL with a fixed host (variables only in the path or"
                    + " query)");
        }
        return protocol + "://" + host.toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
