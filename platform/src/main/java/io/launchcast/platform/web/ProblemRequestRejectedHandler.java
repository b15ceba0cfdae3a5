package io.launchcast.platform.web;

import io.launchcast.platform.problem.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request Spring Security's firewall refuses (an encoded slash or dot segment in the path, a control
 * character, ...) is answered 400 as a problem like every other bad request, not with an empty body or
 * the container's HTML page; the path is not echoed.
 */
public final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    static final java.net.URI MALFORMED_REQUEST = java.net.URI.create(ProblemTypes.BASE + "malformed-request");

    private final JsonMapper json;

    public ProblemRequestRejectedHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(ProblemTypes.problem(MALFORMED_REQUEST, HttpStatus.BAD_REQUEST, "Malformed request",
                "the request path holds characters or segments that are not allowed (encoded '/', '.' or '..'"
                        + " segments, control characters)")));
    }
}
