package com.fxbank.security.limits;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first thing a request meets: its body is read here, into memory, up to {@link HttpLimits#maxBodySize()} and
 * not a byte more. A body over the cap — declared so by its {@code Content-Length}, or found so while reading a
 * chunked one — is a {@code 413} problem detail before security, a controller or Jackson sees anything: nothing
 * parsed, nothing changed, and the connection closed rather than the rest of the body read. What passes is handed on
 * from memory, so nothing further in can read more than the cap either.
 *
 * <p>A form ({@code application/x-www-form-urlencoded}: the issuer's token endpoint and sign-in, the console's
 * actions) is read by the servlet container itself when a parameter is asked for, bounded by the same cap
 * ({@code server.tomcat.max-http-form-post-size}, set by {@link HttpLimitDefaults}); it is parsed here so that a
 * form over the cap is a {@code 413} instead of a form with no fields (a chunked one: Tomcat's own short 413 page,
 * since Tomcat answers it while parsing — no browser sends a form chunked).
 */
public final class RequestBodyCap extends OncePerRequestFilter {

    /** Tomcat's record of why it did not parse a form ({@code org.apache.catalina.Globals}); its value names the reason. */
    static final String FORM_PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";

    private final int maxBytes;
    private final byte[] problem;

    public RequestBodyCap(HttpLimits limits) {
        this.maxBytes = limits.maxBodyBytes();
        this.problem = ("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
                + "\"detail\":\"a request body may be at most " + maxBytes + " bytes\"}").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(response);
            return;
        }
        if (declared == 0 || (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null)) {
            chain.doFilter(request, response); // no body
            return;
        }
        if (isForm(request)) {
            request.getParameterMap();
            if ("POST_TOO_LARGE".equals(String.valueOf(request.getAttribute(FORM_PARSE_FAILED_REASON)))) {
                if (!response.isCommitted()) {
                    refuse(response);
                } // else Tomcat has answered 413 itself (a chunked form), with its own short page
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            refuse(response);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
                MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(problem.length);
        // The rest of the body is not read: the client is told the connection ends with this answer.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.getOutputStream().write(problem);
        response.flushBuffer();
    }

    /** The request with its body already read: what is further in reads it from memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private final ServletInputStream stream;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            this.stream = inMemory(new ByteArrayInputStream(body));
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        private static ServletInputStream inMemory(ByteArrayInputStream in) {
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
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
                    throw new UnsupportedOperationException("the body was read already; read it blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws UnsupportedEncodingException {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), encoding));
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
