package org.qaflow.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API is stateless HTTP Basic, so every request carries the password, and checking it against its BCrypt hash
 * costs tens of milliseconds of CPU: on two cores that alone capped the API at a few dozen requests a second. A
 * password checked once is remembered for a short while as a keyed hash (HMAC with a key made at start-up, never
 * stored), so repeated requests skip BCrypt; a wrong password, an unknown user or an expired entry goes the full way.
 */
public class CachingAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider delegate;
    private final Duration remember;
    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

    private record Remembered(byte[] passwordMac, Authentication authentication, Instant until) {
    }

    public CachingAuthenticationProvider(UserDetailsService users, PasswordEncoder passwords, Duration remember,
                                         Clock clock) {
        this.delegate = new DaoAuthenticationProvider(users);
        this.delegate.setPasswordEncoder(passwords);
        this.remember = remember;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (credentials == null) {
            return delegate.authenticate(authentication);
        }
        byte[] mac = mac(username, credentials.toString());
        Instant now = Instant.now(clock);
        Remembered known = recent.get(username);
        if (known != null && known.until().isAfter(now) && java.security.MessageDigest.isEqual(known.passwordMac(), mac)) {
            return known.authentication();
        }
        Authentication checked = delegate.authenticate(authentication);
        recent.put(username, new Remembered(mac, checked, now.plus(remember)));
        return checked;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private byte[] mac(String username, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update(username.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
