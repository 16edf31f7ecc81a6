package org.qaflow.security;

import java.security.SecureRandom;
import java.util.Base64;

/** One-time passwords for new accounts: shown once to whoever created the account, stored only as a hash. */
public final class TemporaryPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TemporaryPasswords() {
    }

    public static String next() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
