package org.qaflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing over HTTP Basic: after {@code maxFailures} wrong passwords in a row for one username, that
 * username is refused (429, even with the right password) until {@code lockout} has passed. Kept per node, in
 * memory: with N nodes a guesser gets at most N times the attempts, still a handful a minute.
 */
public class LoginThrottle extends OncePerRequestFilter {

    private final ObjectMapper json;
    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant lockedUntil) {
    }

    public LoginThrottle(ObjectMapper json, int maxFailures, Duration lockout, Clock clock) {
        this.json = json;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = basicUsername(request.getHeader("Authorization"));
        if (username == null) {
            chain.doFilter(request, response);
            return;
        }
        Instant now = Instant.now(clock);
        Failures current = failures.get(username);
        if (current != null && current.lockedUntil() != null && now.isBefore(current.lockedUntil())) {
            long seconds = Math.max(1, Duration.between(now, current.lockedUntil()).toSeconds());
            response.setHeader("Retry-After", String.valueOf(seconds));
            SecurityConfig.write(json, response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins for '"
                    + username + "': this account is locked for " + seconds + " more seconds, then try again",
                    request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            failures.compute(username, (u, f) -> {
                int count = (f == null || f.lockedUntil() != null ? 0 : f.count()) + 1;
                return new Failures(count, count >= maxFailures ? now.plus(lockout) : null);
            });
        } else {
            failures.remove(username);
        }
    }

    private static String basicUsername(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
