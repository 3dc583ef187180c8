package org.parley.conversation.ui.embed;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/** Registers the signed-link check for the embedded customer panel, behind Spring Security's filters. */
@Configuration(proxyBeanMethods = false)
class EmbedConfig {

    @Bean
    FilterRegistrationBean<EmbedSignatureFilter> embedSignatureFilter(EmbedLinks links,
            ObjectProvider<SecurityContextHolderStrategy> strategy) {
        SecurityContextHolderStrategy contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        FilterRegistrationBean<EmbedSignatureFilter> registration =
                new FilterRegistrationBean<>(new EmbedSignatureFilter(links, contexts));
        registration.addUrlPatterns(EmbedSignatureFilter.PREFIX, EmbedSignatureFilter.PREFIX + "/*");
        // after Spring Security's chain (-100): the session's sign-in is known and its headers (CSP) are written
        registration.setOrder(0);
        return registration;
    }
}
