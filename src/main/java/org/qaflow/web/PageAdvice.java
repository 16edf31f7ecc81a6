package org.qaflow.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.qaflow.problem.DatabaseUnavailable;
import org.qaflow.problem.JsonProblems;
import org.qaflow.problem.Races;
import org.qaflow.problem.RequestTooLarge;
import org.qaflow.problem.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.multipart.MultipartException;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * For page controllers only: the logged-in user for the layout, and errors as readable pages. Ordered first so the
 * API's ProblemHandler (which covers every controller in org.qaflow) does not answer pages with JSON.
 */
@ControllerAdvice(annotations = WebPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageAdvice {

    private static final Logger LOG = LoggerFactory.getLogger(PageAdvice.class);

    private final AppUserRepository users;
    @org.springframework.beans.factory.annotation.Value("${qaflow.evidence.max-file-size:50MB}")
    private org.springframework.util.unit.DataSize maxFileSize;

    public PageAdvice(AppUserRepository users) {
        this.users = users;
    }

    @ModelAttribute("me")
    public AppUser me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return users.findById(auth.getName()).orElse(null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    public String forbidden(AccessDeniedException e, Model model, HttpServletResponse response) {
        return error(model, response, 403, "Not yours to see", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    public String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        return error(model, response, 404, "Not found", e.getMessage());
    }

    @ExceptionHandler({BadRequestException.class, ConflictException.class})
    public String refused(RuntimeException e, Model model, HttpServletResponse response) {
        return error(model, response, e instanceof ConflictException ? 409 : 400, "That cannot be done", e.getMessage());
    }

    /** An address with a value of the wrong kind ("/claims/abc", "?status=BOGUS"): which part, and what it takes. */
    @ExceptionHandler(TypeMismatchException.class)
    public String wrongKind(TypeMismatchException e, Model model, HttpServletResponse response) {
        String name = e.getPropertyName() == null ? "a value" : "'" + e.getPropertyName() + "'";
        String expected = e.getRequiredType() == null ? "a value of another kind"
                : JsonProblems.expected(e.getRequiredType());
        return error(model, response, 400, "That address is not right",
                "In this address, " + name + " is '" + e.getValue() + "', which is not " + expected + ".");
    }

    /** A form that uploads a file, sent without one (or not as an upload at all). */
    @ExceptionHandler(MultipartException.class)
    public String noFile(MultipartException e, Model model, HttpServletResponse response) {
        RequestTooLarge tooLarge = RequestTooLarge.in(e);
        if (tooLarge != null) {
            return error(model, response, 413, "That file is too large", tooLarge.getMessage());
        }
        if (e instanceof org.springframework.web.multipart.MaxUploadSizeExceededException) {
            return error(model, response, 413, "That file is too large",
                    org.qaflow.problem.ProblemHandler.tooLarge(maxFileSize.toBytes()));
        }
        return error(model, response, 400, "That cannot be done",
                "This form uploads a file: choose one on the form and send it again.");
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public String invalid(ConstraintViolationException e, Model model, HttpServletResponse response) {
        return error(model, response, 400, "That cannot be done", Violations.describe(e.getConstraintViolations()));
    }

    /**
     * Anything else: a page, never a stack trace or JSON. Spring's own refusals (a missing parameter, an unsupported
     * method) keep their status and say what they say; the database being away is worth saying (try again); the
     * rest is logged here, since the container never sees it.
     */
    @ExceptionHandler(Exception.class)
    public String unexpected(Exception e, Model model, HttpServletResponse response) {
        if (e instanceof ErrorResponse known) {
            int status = known.getStatusCode().value();
            return error(model, response, status, status == 404 ? "Not found" : "That cannot be done",
                    known.getBody().getDetail());
        }
        var race = Races.describe(e);
        if (race.isPresent()) {
            return error(model, response, race.get().getStatus(), "That cannot be done", race.get().getDetail());
        }
        if (DatabaseUnavailable.causedBy(e)) {
            response.setHeader("Retry-After", "10");
            return error(model, response, 503, "Please try again", DatabaseUnavailable.DETAIL);
        }
        LOG.error("A page failed", e);
        return error(model, response, 500, "Something went wrong", PageErrors.UNEXPECTED);
    }

    private String error(Model model, HttpServletResponse response, int status, String title, String message) {
        response.setStatus(status);
        model.addAttribute("me", me());
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "error-page";
    }
}
