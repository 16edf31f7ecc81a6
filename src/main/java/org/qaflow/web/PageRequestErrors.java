package org.qaflow.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A page address Spring refuses before any page controller runs ("/claims/5/nope", a GET of a form's POST-only
 * address): the API's problem handler would answer it with JSON, so outside the API it becomes the container's
 * error page instead (PageErrors), with Spring's status and words. Errors inside page controllers are PageAdvice's.
 */
@Component
public class PageRequestErrors implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception e) {
        if (handler instanceof HandlerMethod || !(e instanceof ErrorResponse known) || isApi(request)) {
            return null;
        }
        known.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        try {
            response.sendError(known.getStatusCode().value(), known.getBody().getDetail());
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        return new ModelAndView();
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator")
                || path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui");
    }

    /** Before Spring's own resolvers, among them the one that calls the API's problem handler. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
