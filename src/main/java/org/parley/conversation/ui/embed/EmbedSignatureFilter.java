package org.parley.conversation.ui.embed;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of {@code /embed/**}, after Spring Security (so the session's sign-in is known): a request with
 * {@code sig}/{@code exp} parameters is a signed link and gets a plain HTTP 403 unless its signature is right and
 * unexpired; a request without them needs a signed-in agent and otherwise goes to the sign-in page (which brings the
 * agent back here afterwards). The view checks the link again when it opens, since Vaadin's later requests do not
 * come through this path.
 */
class EmbedSignatureFilter extends OncePerRequestFilter {

    static final String PREFIX = "/embed/customers";
    private static final String FRAME_OPTIONS = "X-Frame-Options";

    private final EmbedLinks links;
    private final SecurityContextHolderStrategy contexts;
    private final CookieRequestCache requestCache = new CookieRequestCache();

    EmbedSignatureFilter(EmbedLinks links, SecurityContextHolderStrategy contexts) {
        this.links = links;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String id = path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length() + 1) : null;
        EmbedLinks.Verdict verdict = links.verify(id, request.getParameter("identity"), request.getParameter("exp"),
                request.getParameter("sig"));
        switch (verdict) {
            case REFUSED -> {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType("text/plain;charset=UTF-8");
                response.setHeader("Cache-Control", "no-store");
                response.getWriter().write("This link to the customer panel is not valid: wrong signature or expired.\n");
            }
            case UNSIGNED -> {
                if (signedIn()) {
                    chain.doFilter(request, framable(response));
                } else {
                    requestCache.saveRequest(request, response);
                    response.sendRedirect(request.getContextPath() + "/login");
                }
            }
            case VALID -> chain.doFilter(request, framable(response));
        }
    }

    /**
     * Leaves out the {@code X-Frame-Options: SAMEORIGIN} that Vaadin puts on every page: this page is made to be framed
     * by another site, and which sites may do so is the CSP's {@code frame-ancestors} (parley.security.frame-ancestors),
     * which Spring Security sends here as on every page. The rest of Parley keeps both headers.
     */
    private static HttpServletResponse framable(HttpServletResponse response) {
        return new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                if (!FRAME_OPTIONS.equalsIgnoreCase(name)) {
                    super.setHeader(name, value);
                }
            }

            @Override
            public void addHeader(String name, String value) {
                if (!FRAME_OPTIONS.equalsIgnoreCase(name)) {
                    super.addHeader(name, value);
                }
            }
        };
    }

    private boolean signedIn() {
        Authentication auth = contexts.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    }
}
