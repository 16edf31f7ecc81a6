package org.qaflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;

/**
 * Who may reach what. Everything not listed is denied, which keeps the process engine's generated REST endpoints
 * (they take user and group as query parameters) out of reach: people act only through qaflow's own API.
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfig {

    /**
     * The browser pages: form login with a session, so CSRF protection is on. The page paths, and anything else a
     * browser asks for as a page (Accept: text/html) outside the API, are matched here; the rest falls through to the
     * API chain below, which still denies whatever it does not list. A page request never gets JSON or a Basic
     * challenge: logged out, a page sends the browser to the login (which then returns to it); a path that is no page
     * is a 404 page, for anyone, and still reaches nothing (so the process engine's endpoints stay out of reach).
     */
    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        RequestMatcher pagePaths = paths(PAGE_PATHS);
        http
            .securityMatcher(new OrRequestMatcher(pagePaths, new AndRequestMatcher(
                    new NegatedRequestMatcher(paths(API_PATHS)), browserPage())))
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico").permitAll()
                // Spring Boot's error page, reached only by the container's own error dispatch.
                .requestMatchers("/error").permitAll()
                .requestMatchers("/provider/**").hasRole(Role.PROVIDER.name())
                .requestMatchers("/assessor/**").hasRole(Role.ASSESSOR.name())
                .requestMatchers("/iqa/**").hasRole(Role.IQA.name())
                .requestMatchers("/eqa/**").hasRole(Role.EQA.name())
                .requestMatchers("/qm/**").hasRole(Role.QUALITY_MANAGER.name())
                .requestMatchers("/processes", "/processes/**").hasRole(Role.QUALITY_MANAGER.name())
                // Shared pages check the user's centres themselves (CentreAccess), whatever id the URL names.
                .requestMatchers(pagePaths).authenticated()
                .anyRequest().denyAll())
            .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/home").permitAll())
            .requestCache(cache -> cache.requestCache(deepLinks(pagePaths)))
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
            .exceptionHandling(ex -> ex
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), pagePaths)
                .defaultAuthenticationEntryPointFor(notFound(), AnyRequestMatcher.INSTANCE)
                .defaultAccessDeniedHandlerFor(forbiddenPage(), pagePaths)
                .defaultAccessDeniedHandlerFor((request, response, e) -> notFound().commence(request, response, null),
                        AnyRequestMatcher.INSTANCE))
            .headers(BrowserProtections.with(BrowserProtections.PAGES_POLICY));
        return http.build();
    }

    /** Every path a page lives under; kept apart from /api and from the process engine's generated endpoints. */
    static final String[] PAGE_PATHS = {"/", "/login", "/logout", "/home", "/forbidden", "/css/**", "/js/**",
            "/favicon.ico", "/provider/**", "/assessor/**", "/iqa/**", "/eqa/**", "/qm/**", "/claims/**", "/claims.csv",
            "/certificates/**", "/tasks/**", "/processes", "/processes/**", "/interests", "/notifications",
            "/notifications/**", "/visits/**"};

    /** What answers machines: the JSON API (401 with a Basic challenge, problem documents), health and API docs. */
    static final String[] API_PATHS = {"/api/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**"};

    private static RequestMatcher paths(String... patterns) {
        return new OrRequestMatcher(java.util.Arrays.stream(patterns)
                .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(p)).toList());
    }

    /** A browser asking for a page: HTML named explicitly, not merely accepted as any type. */
    private static RequestMatcher browserPage() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return html;
    }

    /** The page opened while logged out, so the login returns to it; never a stylesheet, icon or non-page. */
    private static RequestCache deepLinks(RequestMatcher pagePaths) {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(new AndRequestMatcher(PathPatternRequestMatcher.withDefaults()
                .matcher(org.springframework.http.HttpMethod.GET, "/**"), pagePaths,
                new NegatedRequestMatcher(paths("/login", "/logout", "/forbidden", "/css/**", "/js/**", "/favicon.ico"))));
        return cache;
    }

    /** The container's error dispatch renders the 404 page (web/PageErrors) in the app's layout. */
    private static AuthenticationEntryPoint notFound() {
        return (request, response, e) -> response.sendError(HttpStatus.NOT_FOUND.value());
    }

    private static AccessDeniedHandler forbiddenPage() {
        AccessDeniedHandlerImpl handler = new AccessDeniedHandlerImpl();
        handler.setErrorPage("/forbidden");
        return handler;
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
        http
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                .requestMatchers("/error").permitAll()
                .requestMatchers("/api/**").authenticated()
                .anyRequest().denyAll())
            .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized(json)))
            .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthorized(json)).accessDeniedHandler(forbidden(json)))
            // The JSON API is called with HTTP Basic, not a browser session, so there is no cookie for CSRF to abuse.
            .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
            .headers(BrowserProtections.with(BrowserProtections.API_POLICY))
            .sessionManagement(s -> s.sessionCreationPolicy(
                    org.springframework.security.config.http.SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * The one place both login paths check a password: throttled per account and address (LoginThrottle), then
     * remembered briefly so stateless Basic requests do not each pay for BCrypt.
     */
    @Bean
    LoginThrottle authenticationProvider(UserDetailsService users, PasswordEncoder passwords, java.time.Clock clock,
            @org.springframework.beans.factory.annotation.Value("${qaflow.login.remember:PT2M}") java.time.Duration remember,
            @org.springframework.beans.factory.annotation.Value("${qaflow.login.max-failures:5}") int maxFailures,
            @org.springframework.beans.factory.annotation.Value("${qaflow.login.lockout:PT1M}") java.time.Duration lockout,
            @org.springframework.beans.factory.annotation.Value("${qaflow.login.account-failures:20}") int accountFailures,
            @org.springframework.beans.factory.annotation.Value("${qaflow.login.account-window:PT15M}") java.time.Duration accountWindow,
            @org.springframework.beans.factory.annotation.Value("${qaflow.login.account-spacing:PT2S}") java.time.Duration accountSpacing,
            @org.springframework.beans.factory.annotation.Value("${qaflow.login.max-wait:PT10S}") java.time.Duration maxWait) {
        return new LoginThrottle(new CachingAuthenticationProvider(users, passwords, remember, clock),
                new LoginThrottle.Settings(maxFailures, lockout, accountFailures, accountWindow, accountSpacing, maxWait),
                clock);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(AppUserRepository users) {
        return username -> users.findById(username)
                .map(u -> User.withUsername(u.getUsername())
                        .password(u.getPasswordHash())
                        .roles(u.getRole().name())
                        .disabled(!u.isEnabled())
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    private static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
        return (request, response, e) -> {
            // The user could not be looked up because the database is down: say so, rather than "log in".
            if (org.qaflow.problem.DatabaseUnavailable.causedBy(e)) {
                response.setHeader("Retry-After", "10");
                write(json, response, HttpStatus.SERVICE_UNAVAILABLE, org.qaflow.problem.DatabaseUnavailable.DETAIL,
                        request.getRequestURI());
                return;
            }
            if (e instanceof LoginThrottle.LoginThrottledException throttled) {
                response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
                write(json, response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage(), request.getRequestURI());
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"qaflow\"");
            write(json, response, HttpStatus.UNAUTHORIZED,
                    "Log in first: this API needs HTTP Basic credentials of a qaflow user.", request.getRequestURI());
        };
    }

    private static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (request, response, e) -> write(json, response, HttpStatus.FORBIDDEN,
                "Your role may not do this: " + request.getMethod() + " " + request.getRequestURI(),
                request.getRequestURI());
    }

    static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String detail, String path)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(path));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
