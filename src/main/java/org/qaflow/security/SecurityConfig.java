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
     * The browser pages: form login with a session, so CSRF protection is on. Only the page paths are matched here;
     * everything else falls through to the API chain below, which still denies whatever it does not list.
     */
    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http
            .securityMatcher(PAGE_PATHS)
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/login", "/css/**", "/js/**").permitAll()
                .requestMatchers("/provider/**").hasRole(Role.PROVIDER.name())
                .requestMatchers("/assessor/**").hasRole(Role.ASSESSOR.name())
                .requestMatchers("/iqa/**").hasRole(Role.IQA.name())
                .requestMatchers("/eqa/**").hasRole(Role.EQA.name())
                .requestMatchers("/qm/**").hasRole(Role.QUALITY_MANAGER.name())
                .requestMatchers("/processes", "/processes/**").hasRole(Role.QUALITY_MANAGER.name())
                // Shared pages check the user's centres themselves (CentreAccess), whatever id the URL names.
                .anyRequest().authenticated())
            .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/home", true).permitAll())
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
            .exceptionHandling(ex -> ex.accessDeniedPage("/forbidden"))
            .headers(BrowserProtections.with(BrowserProtections.PAGES_POLICY));
        return http.build();
    }

    /** Every path a page lives under; kept apart from /api and from the process engine's generated endpoints. */
    static final String[] PAGE_PATHS = {"/", "/login", "/logout", "/home", "/forbidden", "/css/**", "/js/**",
            "/provider/**", "/assessor/**", "/iqa/**", "/eqa/**", "/qm/**", "/claims/**", "/claims.csv", "/certificates/**", "/tasks/**",
            "/processes", "/processes/**"};

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
