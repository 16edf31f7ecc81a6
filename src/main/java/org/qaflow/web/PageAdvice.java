package org.qaflow.web;

import jakarta.servlet.http.HttpServletResponse;
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

    private final AppUserRepository users;

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

    private String error(Model model, HttpServletResponse response, int status, String title, String message) {
        response.setStatus(status);
        model.addAttribute("me", me());
        model.addAttribute("status", status);
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "error-page";
    }
}
