package org.parley.security;

import static org.springframework.security.config.Customizer.withDefaults;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.parley.audit.AuditTrail;
import org.parley.security.ui.LoginView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Two ways in: the REST API under {@code /api/**} is stateless and token-only (no cookies, so no
 * CSRF); everything else is the Vaadin UI with form login and Vaadin's own CSRF protection.
 */
@Configuration
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * No observation of Spring Security's filters, sign-ins and access decisions: they feed no metric or trace here,
     * and observing them wrapped each of the dozen filters of every request (a tenth of an API request's CPU). The
     * HTTP request metrics (http.server.requests) stay; the audit trail records sign-ins.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Who is signed in where, so that a user can sign out of every session at once. */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the session registry when a session ends (timeout, logout). */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    /** Password sign-in for the UI, throttled and audited. */
    @Bean
    AuthenticationProvider authenticationProvider(UserDetailsService users, PasswordEncoder passwordEncoder,
            LoginThrottle throttle, AuditTrail audit) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledAuthenticationProvider(passwords, throttle, audit);
    }

    /**
     * Endpoints that authenticate each request themselves, so the HTTP chain only lets them through without
     * session or CSRF: the social platforms' webhooks (the channel module checks each signature over the raw
     * body), the realtime module's STOMP endpoint (API token on the handshake or in the CONNECT frame) and the
     * customers' satisfaction survey pages (the csat module checks each link's signature; the form is authorised
     * by it, so it needs no CSRF token, and no session is created). Also
     * the error page that Spring forwards a refused API call to (405, 413 …): its answer is the status and reason.
     */
    @Bean
    @Order(0)
    SecurityFilterChain selfAuthenticatingEndpoints(HttpSecurity http) throws Exception {
        return stateless(http.securityMatcher("/webhooks/meta", "/webhooks/x", "/webhooks/whatsapp", "/ws", "/ws/**", "/error",
                "/csat/*"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /** No session, no CSRF token, no login form: for callers that present credentials with every request. */
    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenService tokens,
            ObjectProvider<SecurityContextHolderStrategy> strategy, ApiRateLimitProperties rateLimits) throws Exception {
        // the strategy bean (Vaadin installs one), not the JVM-wide static: it is what this context's
        // security filters read
        SecurityContextHolderStrategy contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        return stateless(http.securityMatcher("/api/**"))
                // the token's scopes (ApiScope says which a request needs); the agent's roles apply on top, in
                // the services. An anonymous caller is denied too, which the entry point answers with 401.
                .authorizeHttpRequests(requests -> requests.anyRequest().access((authentication, context) ->
                        new org.springframework.security.authorization.AuthorizationDecision(
                                authentication.get() != null && authentication.get().isAuthenticated()
                                        && !(authentication.get()
                                                instanceof org.springframework.security.authentication.AnonymousAuthenticationToken)
                                        && ApiScope.allows(authentication.get().getAuthorities(),
                                                context.getRequest().getMethod(), pathOf(context.getRequest())))))
                .addFilterBefore(new BearerTokenFilter(tokens, contexts), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new ApiRateLimitFilter(rateLimits, contexts), BearerTokenFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setStatus(401);
                            response.setHeader("WWW-Authenticate", "Bearer");
                            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                            response.getWriter().write(
                                    "{\"error\":\"a valid API token is required (Authorization: Bearer ...)\",\"details\":[]}");
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            response.setStatus(403);
                            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                            response.getWriter().write("{\"error\":\"this token may not do that: it needs the scope "
                                    + ApiScope.format(ApiScope.allowing(request.getMethod(), pathOf(request)))
                                            .replace(",", " or ") + "\",\"details\":[]}");
                        }))
                .headers(withDefaults())
                .build();
    }

    /**
     * Actuator: {@code /actuator/health} answers everyone with the status (a load balancer needs it) and with
     * details (e.g. the event spine's backlog) to an API token of an admin or supervisor; every other actuator
     * endpoint (metrics) needs such a token.
     */
    @Bean
    @Order(1)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, ApiTokenService tokens,
            ObjectProvider<SecurityContextHolderStrategy> strategy) throws Exception {
        SecurityContextHolderStrategy contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        return stateless(http.securityMatcher("/actuator/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasAnyRole("ADMIN", "SUPERVISOR"))
                .addFilterBefore(new BearerTokenFilter(tokens, contexts), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(401);
                    response.setHeader("WWW-Authenticate", "Bearer");
                }))
                .build();
    }

    private static String frameSrc(java.util.List<FrameSources> sources) {
        java.util.Set<String> origins = new java.util.TreeSet<>();
        sources.forEach(s -> origins.addAll(s.frameSources()));
        return "; frame-src 'self'" + (origins.isEmpty() ? "" : " " + String.join(" ", origins));
    }

    private static String pathOf(jakarta.servlet.http.HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiSecurity(HttpSecurity http, SessionRegistry registry, AuditTrail audit,
            @Value("${parley.security.frame-ancestors:'self'}") String frameAncestors, RequestUtil vaadinRequests,
            java.util.List<FrameSources> frameSources) throws Exception {
        // Vaadin's client needs inline scripts and eval (executeJs); everything else stays on this origin.
        // Images only from here or data/blob URLs: remote images in customer mail (tracking pixels) are not
        // loaded. frame-ancestors allows embedding Parley only where configured.
        String csp = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
                + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; "
                + "frame-ancestors " + frameAncestors;
        http.logout(logout -> logout.addLogoutHandler(new AuditedLogout(audit)));
        http.sessionManagement(sessions -> sessions.maximumSessions(-1).sessionRegistry(registry)
                .expiredUrl("/login"));
        // frame-src: the origins of what pages frame (sidebar apps), read per response
        http.headers(headers -> headers
                .addHeaderWriter((request, response) -> response.setHeader("Content-Security-Policy",
                        csp + frameSrc(frameSources)))
                .frameOptions(frame -> frame.disable())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        // where to go after signing in is kept in a cookie, not a session: a cookieless GET of a page does not
        // create a session before anyone signs in (Vaadin's request cache delegates to this one)
        http.setSharedObject(RequestCache.class, new CookieRequestCache());
        // CSRF as Vaadin sets it up (its own requests carry Vaadin's token), except that the sign-in form is not
        // exempt: Vaadin's login form sends the token from the page's _csrf meta tags, so a sign-in posted from
        // another site (login CSRF) is refused
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        // Parley's own stylesheets and images (frontend/) are public: the login page needs them
        // the API's OpenAPI description is public (it names paths and fields, no data); its Swagger UI is for admins
        return http.authorizeHttpRequests(requests -> requests.requestMatchers("/styles/**", "/images/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**").permitAll()
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**").hasRole("ADMIN"))
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                        .enableCsrfConfiguration(false))
                .build();
    }
}
