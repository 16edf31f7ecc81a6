package org.qaflow.notification;

import org.qaflow.problem.Paging;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's notifications: newest first, unread marked; opening one marks it read and goes where the work is. */
@Controller
@WebPage
@RequestMapping("/notifications")
public class NotificationPages {

    static final int PAGE_SIZE = 20;

    private final Notifications notifications;
    private final CurrentUser currentUser;

    public NotificationPages(Notifications notifications, CurrentUser currentUser) {
        this.notifications = notifications;
        this.currentUser = currentUser;
    }

    /** page counts from 1, as people do. */
    @GetMapping
    public String list(@RequestParam(defaultValue = "1") int page, Model model) {
        Page<Notification> mine = notifications.mine(currentUser.get(), Paging.request(page - 1, PAGE_SIZE, null));
        model.addAttribute("notifications", mine.getContent());
        model.addAttribute("total", mine.getTotalElements());
        model.addAttribute("page", page);
        model.addAttribute("pages", mine.getTotalPages());
        return "notifications/list";
    }

    @GetMapping("/{id}")
    public String open(@PathVariable long id) {
        return "redirect:" + notifications.read(id, currentUser.get()).getLink();
    }

    @PostMapping("/read")
    public String readAll(RedirectAttributes redirect) {
        AppUser user = currentUser.get();
        int marked = notifications.readAll(user);
        redirect.addFlashAttribute("notice", marked == 1 ? "1 notification marked read"
                : marked + " notifications marked read");
        return "redirect:/notifications";
    }
}
