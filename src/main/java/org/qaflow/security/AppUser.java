package org.qaflow.security;

import jakarta.persistence.*;

/** A person who logs in. Centre staff and providers belong to one centre; EQAs reach centres by appointment. */
@Entity
@Table(name = "app_user")
public class AppUser {

    @Id
    private String username;
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    private Role role;
    private String displayName;
    private Long centreId;
    private boolean enabled;
    /** Where notifications are mailed; none, and they are shown in the app only. */
    private String email;

    protected AppUser() {
    }

    public AppUser(String username, String passwordHash, Role role, String displayName, Long centreId) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.displayName = displayName;
        this.centreId = centreId;
        this.enabled = true;
    }

    /** The person can no longer log in; their name stays on everything they did. */
    public void disable() { this.enabled = false; }

    public String getUsername() { return username; }
    public String getPasswordHash() { return passwordHash; }
    public Role getRole() { return role; }
    public String getDisplayName() { return displayName; }
    public Long getCentreId() { return centreId; }
    public boolean isEnabled() { return enabled; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
}
