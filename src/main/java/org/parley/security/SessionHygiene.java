package org.parley.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.time.Duration;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions cost memory and are created before anyone signs in (the login page is a Vaadin UI): an HTTP session
 * starts with the short {@code parley.security.anonymous-session-timeout} and gets the full
 * {@code server.servlet.session.timeout} only once someone has signed in with it. Behind a TLS-terminating proxy
 * ({@code server.forward-headers-strategy=framework}) the session cookie is marked {@code Secure} when the proxy
 * says the request came over HTTPS; {@code SameSite} comes from {@code server.servlet.session.cookie.same-site}.
 */
@Configuration
class SessionHygiene {

    /** New sessions are anonymous: they live for minutes, not hours. */
    @Bean
    HttpSessionListener anonymousSessionTimeout(
            @Value("${parley.security.anonymous-session-timeout:10m}") Duration anonymous) {
        return new HttpSessionListener() {
            @Override
            public void sessionCreated(HttpSessionEvent event) {
                event.getSession().setMaxInactiveInterval((int) Math.max(60, anonymous.toSeconds()));
            }
        };
    }

    /**
     * After the request (around Spring Security's filters): a session that now holds a signed-in user gets the
     * full timeout.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> signedInSessionTimeout(
            @Value("${server.servlet.session.timeout:8h}") Duration full) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, full.toSeconds());
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } finally {
                    HttpSession session = request.getSession(false);
                    if (session != null && session.getMaxInactiveInterval() != seconds) {
                        try {
                            if (session.getAttribute(
                                    HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null) {
                                session.setMaxInactiveInterval(seconds);
                            }
                        } catch (IllegalStateException invalidated) {
                            // signed out during this request
                        }
                    }
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(-200); // outside Spring Security's chain (-100), so it sees the result of a sign-in
        registration.setName("signedInSessionTimeout");
        return registration;
    }

    /**
     * With {@code framework} forward headers, Spring wraps the request for the application, but Tomcat decides
     * the session cookie's {@code Secure} flag on its own request: tell Tomcat what the proxy said.
     */
    @Bean
    @ConditionalOnProperty(name = "server.forward-headers-strategy", havingValue = "framework")
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> forwardedProtoForCookies() {
        return factory -> factory.addEngineValves(new ValveBase(true) {
            @Override
            public void invoke(Request request, Response response) throws IOException, ServletException {
                if ("https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"))) {
                    request.setSecure(true);
                }
                getNext().invoke(request, response);
            }
        });
    }
}
