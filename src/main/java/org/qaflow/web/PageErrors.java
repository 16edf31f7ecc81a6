package org.qaflow.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;
import java.util.Map;

/**
 * What the container's error dispatch shows a browser (a path that is no page, a request refused before any page
 * controller ran, an error in a filter): a page in the app's layout, with the menu when logged in. Everything else
 * (the API, machines) keeps Spring Boot's JSON answer.
 */
@Controller
@WebPage
public class PageErrors extends BasicErrorController {

    static final String UNEXPECTED = "qaflow could not show this page: the error has been logged. Try again, or go "
            + "back to your home page.";

    public PageErrors(ErrorAttributes errorAttributes, ServerProperties server, List<ErrorViewResolver> resolvers) {
        super(errorAttributes, server.getError(), resolvers);
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        // Opened directly, not by an error dispatch: there is no such page.
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null ? HttpStatus.NOT_FOUND
                : getStatus(request);
        response.setStatus(status.value());
        Object said = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String message = said instanceof String text && !text.isBlank() ? text : null;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) == null ? request.getRequestURI()
                : request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String title = switch (status) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Not yours to see";
            case UNAUTHORIZED -> "Log in first";
            default -> status.is5xxServerError() ? "Something went wrong" : "That cannot be done";
        };
        if (status == HttpStatus.NOT_FOUND) {
            message = "There is no page at " + path + ". Check the address, or start again from your home page.";
        } else if (status.is5xxServerError() || message == null) {
            // A server error's own message is for the log, not the person at the browser.
            message = status.is5xxServerError() ? UNEXPECTED : status.getReasonPhrase();
        }
        return new ModelAndView("error-page", Map.of("status", status.value(), "title", title, "message", message),
                status);
    }
}
