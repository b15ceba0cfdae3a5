package io.launchcast.platform.web;

import io.launchcast.platform.problem.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over {@code launchcast.http.max-request-size} with a 413 problem: by the declared
 * length before anything is read, and by counting for a body sent without one (chunked). Tomcat bounds only
 * form posts, and a JSON body of any size would otherwise be read into memory whole.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final URI TOO_LARGE = URI.create(ProblemTypes.BASE + "request-too-large");

    private final long maxBytes;
    private final JsonMapper json;

    public RequestBodyLimitFilter(long maxBytes, JsonMapper json) {
        this.maxBytes = maxBytes;
        this.json = json;
    }

    /** Thrown while reading a body sent without a length once it passes the limit. */
    public static final class BodyTooLargeException extends IOException {
        private final long max;

        BodyTooLargeException(long max) {
            super("the request body is larger than " + max + " bytes");
            this.max = max;
        }

        public long max() {
            return max;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setHeader("Connection", "close"); // the unread body is not drained
            response.getOutputStream().write(json.writeValueAsBytes(problem(maxBytes)));
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Bounded(request, maxBytes), response);
    }

    /** The 413 problem. */
    public static org.springframework.http.ProblemDetail problem(long maxBytes) {
        return ProblemTypes.problem(TOO_LARGE, HttpStatus.PAYLOAD_TOO_LARGE, "Request too large",
                "the request body may have at most " + maxBytes + " bytes (launchcast.http.max-request-size)");
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > max) {
                            throw new BodyTooLargeException(max);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0 && (read += n) > max) {
                            throw new BodyTooLargeException(max);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
