package org.qaflow.web;

import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Map;
import java.util.function.Supplier;

/** How a page form's action ends: success goes on with a notice; a refusal comes back with its reason and what was typed. */
public final class FormActions {

    private FormActions() {
    }

    /** Where to go after the action, and what to tell the person. */
    public record Done(String to, String notice) {
    }

    public static String act(RedirectAttributes redirect, Map<String, String> form, String back, Supplier<Done> action) {
        try {
            Done done = action.get();
            redirect.addFlashAttribute("notice", done.notice());
            return "redirect:" + done.to();
        } catch (BadRequestException | ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("typed", form);
            return "redirect:" + back;
        }
    }
}
