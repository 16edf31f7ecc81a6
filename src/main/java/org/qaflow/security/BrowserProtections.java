package org.qaflow.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * What the browser is told to refuse, on top of Spring Security's defaults (no sniffing, no framing, no caching of
 * pages). Pages run no script of their own and carry no inline style, so even an injected tag or attribute cannot
 * run; addresses (learner names in a search, claim ids) are never sent to another site.
 */
final class BrowserProtections {

    /** The pages: everything from qaflow itself, nothing inline, no plugins, never inside a frame. */
    static final String PAGES_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /**
     * The API and its Swagger UI, which sets inline styles and draws its icons as data: images. Its scripts are
     * files too, so no inline script runs here either; JSON answers are never rendered as pages.
     */
    static final String API_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    private BrowserProtections() {
    }

    static Customizer<HeadersConfigurer<HttpSecurity>> with(String policy) {
        return headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER));
    }
}
