package org.qaflow.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qaflow.support.ApiTestBase;
import org.qaflow.support.PageSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser gets for whatever is typed in the address bar: a page in the app's layout, never JSON or a Basic
 * challenge (which makes the browser ask for a password). Every page route in the app is walked, as every role and
 * logged out, with ids and parameters of the wrong kind and ids that do not exist; the API keeps its JSON and 401.
 */
class AddressBarMistakesTest extends ApiTestBase {

    private static final List<String> USERS = List.of("provider", "assessor", "iqa", "eqa", "qm");

    private static final Map<String, PageSession> sessions = new LinkedHashMap<>();

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @BeforeAll
    static void noSessionsYet() {
        sessions.clear();
    }

    @Test
    void noPageRouteAnswersWithJsonOrABasicChallengeWhateverTheAddressSays() throws Exception {
        List<Request> requests = new ArrayList<>();
        pageRoutes().forEach((pattern, methods) -> {
            boolean posts = methods.contains("POST");
            for (String path : withIds(pattern.path(), posts)) {
                requests.add(new Request("GET", path));
                if (posts) {
                    requests.add(new Request("POST", path));
                }
            }
            // Each parameter with a value of the wrong kind, the ids being ones that exist or not.
            for (String parameter : pattern.parameters()) {
                if (!posts) {
                    requests.add(new Request("GET", pattern.path().replaceAll("\\{[^}]+}", "1")
                            + "?" + parameter + "=BOGUS"));
                }
            }
        });
        // Paths that are no page, near misses of pages, and addresses the firewall refuses.
        for (String path : List.of("/no-such-page", "/claims/1/no-such-tab", "/assessor/nope", "/qm", "/Claims",
                "/tasks", "/usertasks/instance?user=eqa&group=EQA", "/qualificationClaim", "/claims/..;/home",
                "/claims/%2e%2e/home", "/error", "/index.html", "/css/none.css", "/claims?page=abc")) {
            requests.add(new Request("GET", path));
        }
        assertThat(requests).hasSizeGreaterThan(100);

        List<String> wrong = new ArrayList<>();
        int pages = 0;
        for (String user : sessionUsers()) {
            for (Request request : requests) {
                HttpResponse<String> response = send(session(user), request);
                String type = response.headers().firstValue("Content-Type").orElse("");
                String what = (user == null ? "logged out" : user) + " " + request + " -> " + response.statusCode()
                        + " " + type;
                if (type.contains("json") || response.headers().firstValue("WWW-Authenticate").isPresent()) {
                    wrong.add(what + ": JSON or a Basic challenge");
                } else if (response.statusCode() >= 500) {
                    wrong.add(what + ": a server error");
                } else if (response.statusCode() >= 400) {
                    if (!type.startsWith("text/html") || !response.body().contains("<main")) {
                        wrong.add(what + ": not a page in the app's layout");
                    }
                    pages++;
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(pages).as("error pages seen").isGreaterThan(100);
    }

    @Test
    void aClaimAddressWithLettersOrABogusStatusIsA400PageSayingWhatIsWrong() throws Exception {
        HttpResponse<String> letters = session("provider").get("/claims/abc");
        assertThat(letters.statusCode()).isEqualTo(400);
        assertThat(letters.body()).contains("<title>That address is not right · qaflow</title>")
                .contains("&#39;id&#39; is &#39;abc&#39;, which is not a whole number")
                .contains("Log out");

        HttpResponse<String> status = session("provider").get("/claims?status=BOGUS");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.body()).contains("&#39;status&#39; is &#39;BOGUS&#39;, which is not one of");
    }

    @Test
    void anUploadWithoutAFileOrOverTheLimitIsAPageSayingSo() throws Exception {
        PageSession provider = session("provider");
        provider.get("/provider/upload");
        HttpResponse<String> noFile = provider.post("/provider/upload");
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(noFile.body()).contains("Choose a CSV or XLSX file of registrations to upload").contains("<main");

        provider.get("/provider/upload");
        HttpResponse<String> huge = provider.send("POST", "/provider/upload?_csrf="
                + URLEncoder.encode(provider.csrf(), StandardCharsets.UTF_8), "A".repeat(3 * 1024 * 1024),
                "multipart/form-data; boundary=x");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(huge.body()).contains("accepts at most 2097152 bytes").contains("<main");
    }

    @Test
    void anUnknownPathIsA404PageLoggedInOrOutAndNeverAPasswordBox() throws Exception {
        HttpResponse<String> in = session("iqa").get("/no-such-page");
        assertThat(in.statusCode()).isEqualTo(404);
        assertThat(in.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(in.body()).contains("There is no page at /no-such-page").contains("Sampling queue");

        HttpResponse<String> out = session(null).get("/no-such-page");
        assertThat(out.statusCode()).isEqualTo(404);
        assertThat(out.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(out.body()).contains("There is no page at /no-such-page").doesNotContain("Log out");

        // Another role's page is still a 403 page; a page asked for while logged out, the login.
        HttpResponse<String> forbidden = session("iqa").get("/qm/rules");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("Not yours to see");
        HttpResponse<String> login = session(null).get("/qm/rules");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void theFaviconIsServedToAnyoneAndTheApiStillAnswersJsonAnd401() throws Exception {
        HttpResponse<String> icon = session(null).get("/favicon.ico");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type").orElse("")).startsWith("image/");
        assertThat(session(null).get("/login").body()).as("the layout names it")
                .contains("<link rel=\"icon\" href=\"/favicon.ico\">");

        HttpResponse<String> api = session(null).get("/api/units");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(api.headers().firstValue("WWW-Authenticate")).isPresent();
        HttpResponse<String> missing = session("qm").get("/api/claims/abc");
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    }

    @Test
    void aDeepLinkOpenedLoggedOutReturnsToThatPageAfterTheLogin() throws Exception {
        Long claim = jdbc.query("select min(c.id) from claim c join centre ce on ce.id = c.centre_id "
                + "where ce.code = 'NSA01'", rs -> rs.next() ? rs.getLong(1) : null);
        PageSession browser = new PageSession(port);
        HttpResponse<String> asked = browser.get("/claims/" + claim);
        assertThat(asked.statusCode()).isEqualTo(302);
        String afterLogin = browser.login("provider");
        assertThat(afterLogin).contains("/claims/" + claim);
        URI back = URI.create(afterLogin);
        HttpResponse<String> page = browser.get(back.getRawPath()
                + (back.getRawQuery() == null ? "" : "?" + back.getRawQuery()));
        assertThat(page.statusCode()).isEqualTo(200);

        // A stylesheet or an unknown path opened logged out is not where the login leads.
        PageSession other = new PageSession(port);
        other.get("/no-such-page");
        assertThat(other.login("provider")).endsWith("/home");
    }

    /** Every route a @WebPage controller maps, with its methods and the query parameters it reads. */
    private Map<Route, Set<String>> pageRoutes() {
        Map<Route, Set<String>> routes = new LinkedHashMap<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().isAnnotationPresent(WebPage.class)) {
                return;
            }
            List<String> parameters = parameters(method);
            for (String path : info.getPatternValues()) {
                if (path.equals("/error") || path.equals("/login")) {
                    continue;
                }
                Set<String> methods = routes.computeIfAbsent(new Route(path, parameters), r -> new LinkedHashSet<>());
                info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).forEach(methods::add);
                if (info.getMethodsCondition().getMethods().isEmpty()) {
                    methods.add("GET");
                    methods.add("POST");
                }
            }
        });
        assertThat(routes.keySet()).extracting(Route::path)
                .contains("/claims/{id}", "/assessor/claims/{id}/units/{ref}", "/qm/rules/versions/{version}");
        return routes;
    }

    private static List<String> parameters(HandlerMethod method) {
        List<String> names = new ArrayList<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param == null || Map.class.isAssignableFrom(parameter.getParameterType())) {
                continue;
            }
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            names.add(!param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                    : parameter.getParameterName());
        }
        return names;
    }

    /**
     * The route with every id as letters, as an id that does not exist and (for reading only, since a form could
     * act on it) as 1, which mostly does.
     */
    private static List<String> withIds(String pattern, boolean posts) {
        List<String> paths = new ArrayList<>(List.of(pattern.replaceAll("\\{[^}]+}", "abc"),
                pattern.replaceAll("\\{[^}]+}", "999999999")));
        if (!posts) {
            paths.add(pattern.replaceAll("\\{[^}]+}", "1"));
        }
        return paths;
    }

    private List<String> sessionUsers() {
        List<String> users = new ArrayList<>();
        users.add(null);
        users.addAll(USERS);
        return users;
    }

    private PageSession session(String user) throws IOException, InterruptedException {
        String key = user == null ? "" : user;
        PageSession session = sessions.get(key);
        if (session == null) {
            session = user == null ? new PageSession(port) : PageSession.loggedIn(port, user);
            sessions.put(key, session);
        }
        return session;
    }

    private static HttpResponse<String> send(PageSession session, Request request)
            throws IOException, InterruptedException {
        return request.method().equals("POST") ? session.post(request.path()) : session.get(request.path());
    }

    record Route(String path, List<String> parameters) {
    }

    record Request(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

}
