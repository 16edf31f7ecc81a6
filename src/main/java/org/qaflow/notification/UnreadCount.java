package org.qaflow.notification;

import org.qaflow.web.WebPage;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** "Notifications (N)" in every page's header: one count on an index, for the logged-in user only. */
@ControllerAdvice(annotations = WebPage.class)
public class UnreadCount {

    private final Notifications notifications;

    public UnreadCount(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("unreadNotifications")
    public Long unreadNotifications() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return notifications.unread(auth.getName());
    }
}
