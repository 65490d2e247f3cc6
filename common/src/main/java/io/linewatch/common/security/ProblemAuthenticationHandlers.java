package io.linewatch.common.security;

import io.linewatch.common.web.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as RFC 9457 problem details, like every other error. */
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"linewatch\"");
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                ProblemTypes.UNAUTHORIZED,
                "A valid API key is required: send it as 'X-API-Key: <key>' or 'Authorization: Bearer <key>'.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                ProblemTypes.FORBIDDEN,
                "This API key does not have a role that may " + request.getMethod() + " " + request.getRequestURI()
                        + ".");
    }

    private void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, URI type, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
