package org.qaflow.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.qaflow.problem.Paging;
import org.qaflow.problem.Refuses;
import org.qaflow.security.CurrentUser;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/notifications")
@Tag(name = "Notifications", description = "What the logged-in user must act on next")
public class NotificationController {

    private final Notifications notifications;
    private final CurrentUser currentUser;

    public NotificationController(Notifications notifications, CurrentUser currentUser) {
        this.notifications = notifications;
        this.currentUser = currentUser;
    }

    /** A notification as the API shows it; link is the page, from the application's root, where the work is done. */
    public record NotificationView(long id, String kind, String message, String link, Long claimId,
                                   Instant createdAt, boolean read, Instant readAt, String mail) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.getId(), n.getKind().name(), n.getMessage(), n.getLink(), n.getClaimId(),
                    n.getCreatedAt(), !n.isUnread(), n.getReadAt(), n.getMailStatus().name());
        }
    }

    @GetMapping
    @Operation(summary = "My notifications, newest first, a page at a time (page from 0, size up to 200); the header "
            + "X-Total-Count says how many there are in all, X-Unread-Count how many are unread")
    public List<NotificationView> mine(@RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size, HttpServletResponse response) {
        PageRequest request = Paging.request(page, size, null);
        var user = currentUser.get();
        Page<Notification> mine = notifications.mine(user, request);
        response.setHeader("X-Total-Count", Long.toString(mine.getTotalElements()));
        response.setHeader("X-Unread-Count", Long.toString(notifications.unread(user.getUsername())));
        return mine.stream().map(NotificationView::of).toList();
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark one of my notifications read")
    @Refuses(status = 404, when = "There is no notification of yours with that id")
    public NotificationView read(@PathVariable long id) {
        return NotificationView.of(notifications.read(id, currentUser.get()));
    }

    @PostMapping("/read")
    @Operation(summary = "Mark all my notifications read")
    public Map<String, Integer> readAll() {
        return Map.of("marked", notifications.readAll(currentUser.get()));
    }
}
