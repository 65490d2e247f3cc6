package io.linewatch.common.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Thrown by any layer to answer with a problem detail of a given status and type. Extra
 * properties (the offending field, row, or a retry hint) go into the body as RFC 9457
 * extension members.
 */
public class ProblemException extends ErrorResponseException {

    public ProblemException(HttpStatusCode status, URI type, String detail) {
        this(status, type, detail, Map.of());
    }

    public ProblemException(HttpStatusCode status, URI type, String detail, Map<String, ?> properties) {
        super(status, problem(status, type, detail, properties), null);
    }

    private static ProblemDetail problem(HttpStatusCode status, URI type, String detail, Map<String, ?> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        new LinkedHashMap<>(properties).forEach(problem::setProperty);
        return problem;
    }
}
