package org.parley.channel.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code POST /api/v1/inbound} and {@code /api/v1/channels/phone/events} take at most
 * {@code parley.api.max-body-size} (default 1MB): a larger declared {@code Content-Length} is answered {@code 413}
 * before anything is read, and a body without one is read only up to the limit (then {@code 413}), so a huge
 * body never sits in memory. The webhooks have their own limits ({@code parley.channels.*.max-body-size}).
 */
@Configuration
class IngestBodyLimit {

    private static final Logger log = LoggerFactory.getLogger(IngestBodyLimit.class);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> ingestBodyLimitFilter(
            @Value("${parley.api.max-body-size:1MB}") DataSize limit) {
        long max = limit.toBytes();
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                long declared = request.getContentLengthLong();
                if (declared > max) {
                    refuse(request, response, "request body of " + declared + " bytes is over the limit of " + max
                            + " bytes (parley.api.max-body-size)");
                    return;
                }
                byte[] body;
                try (InputStream in = request.getInputStream()) {
                    // a declared length is read into one array of that size (the stream ends there); without
                    // one, up to one byte over the limit, to tell a body over it
                    body = in.readNBytes((int) (declared >= 0 ? declared : Math.min(Integer.MAX_VALUE - 8, max + 1)));
                }
                if (body.length > max) {
                    refuse(request, response, "request body is over the limit of " + max
                            + " bytes (parley.api.max-body-size)");
                    return;
                }
                chain.doFilter(new Buffered(request, body), response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/v1/inbound", "/api/v1/inbound/*", "/api/v1/channels/phone/events",
                "/api/v1/channels/phone/events/*");
        registration.setOrder(-300); // before anything reads the body, security included
        registration.setName("ingestBodyLimit");
        return registration;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String reason)
            throws IOException {
        log.info("{} {} refused with 413: {}", request.getMethod(), request.getRequestURI(), reason);
        response.setStatus(413);
        response.setHeader("Connection", "close"); // do not read the rest of a huge body to keep the connection
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + reason + "\",\"details\":[]}");
    }

    /** The request with its body read into memory (at most the limit). */
    private static final class Buffered extends HttpServletRequestWrapper {

        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
