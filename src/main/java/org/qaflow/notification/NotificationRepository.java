package org.qaflow.notification;

import org.qaflow.security.Role;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface NotificationRepository extends JpaRepository<Notification, Long> {

    /** Newest first, paged in the database. */
    Page<Notification> findByRecipientOrderByCreatedAtDescIdDesc(String recipient, Pageable pageable);

    /** The layout's count: one query on the (recipient, read_at) index. */
    long countByRecipientAndReadAtIsNull(String recipient);

    Optional<Notification> findByIdAndRecipient(Long id, String recipient);

    @Modifying
    @Query("update Notification n set n.readAt = :at where n.recipient = :recipient and n.readAt is null")
    int markAllRead(String recipient, Instant at);

    /** The people of a role at a centre who can still log in, e.g. the centre's provider users. */
    @Query("select u.username from AppUser u where u.centreId = :centreId and u.role = :role and u.enabled = true "
            + "order by u.username")
    List<String> usersAt(Long centreId, Role role);
}
