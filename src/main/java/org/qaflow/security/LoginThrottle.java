package org.qaflow.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing on both login paths (the login form and HTTP Basic both end in this provider), keyed by
 * account and by the client's address as the socket sees it (a forwarded-for header is not trusted).
 * <ul>
 * <li>After {@code maxFailures} failed logins to one account from one address, that address may not try that account
 * (not even with the right password) until {@code lockout} has passed. A stranger therefore locks out only their own
 * address, never the real user.</li>
 * <li>Checks for one account from one address run one at a time, and each counts before the next is let in: parallel
 * guesses cannot all be checked before the first failures are recorded.</li>
 * <li>Once an account has had {@code accountFailures} failures within {@code accountWindow} from all addresses
 * together, addresses that never logged in to it successfully get their attempts spaced out account-wide (from
 * {@code accountSpacing}, doubling with every further {@code accountFailures} failures); an attempt that would wait
 * longer than {@code maxWait} is refused. Addresses that have logged in to it before are not slowed.</li>
 * </ul>
 * Kept in memory, per node: with N nodes behind a balancer a guesser gets at most N times the attempts.
 */
public class LoginThrottle implements AuthenticationProvider {

    /** Addresses remembered per account as having logged in; the oldest is forgotten first. */
    private static final int KNOWN_ADDRESSES = 32;
    /** Above this many tracked entries, entries with nothing left to remember are dropped. */
    private static final int PRUNE_ABOVE = 10_000;

    private final AuthenticationProvider delegate;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, AddressState> addresses = new ConcurrentHashMap<>();
    private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();

    public record Settings(int maxFailures, Duration lockout, int accountFailures, Duration accountWindow,
                           Duration accountSpacing, Duration maxWait) {
    }

    /** One account tried from one address. Checks hold its monitor, so they run one at a time. */
    private static final class AddressState {
        int failures;
        Instant lockedUntil;
    }

    private static final class AccountState {
        int failures;
        Instant windowStart;
        Instant nextSlot;
        final Map<String, Instant> knownAddresses = new LinkedHashMap<>(16, 0.75f, true);
    }

    public LoginThrottle(AuthenticationProvider delegate, Settings settings, Clock clock) {
        this.delegate = delegate;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                && web.getRemoteAddress() != null ? web.getRemoteAddress() : "unknown";
        prune();
        AddressState pair = addresses.computeIfAbsent(username + '\n' + address, k -> new AddressState());
        synchronized (pair) {
            Instant now = Instant.now(clock);
            if (pair.lockedUntil != null) {
                if (now.isBefore(pair.lockedUntil)) {
                    throw new LoginThrottledException("Too many failed logins for '" + username + "' from your address: "
                            + "try again in " + seconds(now, pair.lockedUntil) + " seconds",
                            seconds(now, pair.lockedUntil));
                }
                pair.lockedUntil = null;
                pair.failures = 0;
            }
            AccountState account = accounts.computeIfAbsent(username, k -> new AccountState());
            waitForAccountSlot(account, username, address, now);
            Authentication checked;
            try {
                checked = delegate.authenticate(authentication);
            } catch (InternalAuthenticationServiceException e) {
                throw e; // the user store failed (database down): not a guess
            } catch (AuthenticationException e) {
                failed(pair, account, Instant.now(clock));
                throw e;
            }
            pair.failures = 0;
            synchronized (account) {
                account.knownAddresses.put(address, Instant.now(clock));
                if (account.knownAddresses.size() > KNOWN_ADDRESSES) {
                    Iterator<String> oldest = account.knownAddresses.keySet().iterator();
                    oldest.next();
                    oldest.remove();
                }
            }
            return checked;
        }
    }

    private void failed(AddressState pair, AccountState account, Instant now) {
        pair.failures++;
        if (pair.failures >= settings.maxFailures()) {
            pair.lockedUntil = now.plus(settings.lockout());
        }
        synchronized (account) {
            if (account.windowStart == null || !now.isBefore(account.windowStart.plus(settings.accountWindow()))) {
                account.windowStart = now;
                account.failures = 0;
            }
            account.failures++;
        }
    }

    /** Under many failures from many addresses, an address the account has never logged in from waits its turn. */
    private void waitForAccountSlot(AccountState account, String username, String address, Instant now) {
        Instant slot;
        synchronized (account) {
            boolean underAttack = account.windowStart != null && account.failures >= settings.accountFailures()
                    && now.isBefore(account.windowStart.plus(settings.accountWindow()));
            if (!underAttack || account.knownAddresses.containsKey(address)) {
                return;
            }
            int doublings = Math.min(20, account.failures / settings.accountFailures() - 1);
            Duration spacing = settings.accountSpacing().multipliedBy(1L << doublings);
            if (spacing.compareTo(settings.lockout()) > 0) {
                spacing = settings.lockout();
            }
            slot = account.nextSlot == null || account.nextSlot.isBefore(now) ? now : account.nextSlot;
            if (Duration.between(now, slot).compareTo(settings.maxWait()) > 0) {
                throw new LoginThrottledException("Too many failed logins for '" + username + "' from many addresses: "
                        + "try again from this address in " + seconds(now, slot) + " seconds", seconds(now, slot));
            }
            account.nextSlot = slot.plus(spacing);
        }
        long millis = Duration.between(now, slot).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoginThrottledException("Login interrupted while waiting its turn: try again", 1);
            }
        }
    }

    /** Keeps memory bounded when someone sprays many names or addresses. */
    private void prune() {
        if (addresses.size() + accounts.size() <= PRUNE_ABOVE) {
            return;
        }
        Instant now = Instant.now(clock);
        addresses.values().removeIf(p -> p.lockedUntil == null ? p.failures == 0 : p.lockedUntil.isBefore(now));
        accounts.values().removeIf(a -> a.knownAddresses.isEmpty()
                && (a.windowStart == null || a.windowStart.plus(settings.accountWindow()).isBefore(now)));
    }

    private static long seconds(Instant now, Instant until) {
        return Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    /** Refused before the password was checked; the API answers 429 with Retry-After, the login page says when. */
    public static class LoginThrottledException extends AuthenticationException {
        private final long retryAfterSeconds;

        LoginThrottledException(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
