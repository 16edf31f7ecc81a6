package org.qaflow.web;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs axe-core (the npm package `npm ci` installs; nothing of it is served by the app) on a page state the browser
 * walks reach, and fails on any critical or serious violation. Page states are counted by path so that the tally in
 * target/axe/summary.txt says what was checked. Without node_modules/axe-core (a machine that never ran `npm ci`),
 * the walks still run and say once that accessibility was not checked; `.ci/run` always installs it.
 */
final class Accessibility {

    private static final Path AXE = Path.of("node_modules", "axe-core", "axe.min.js");
    private static final Path SUMMARY = Path.of("target", "axe", "summary.txt");
    private static final List<String> BLOCKING = List.of("critical", "serious");
    private static final Map<String, AtomicInteger> CHECKED = new ConcurrentHashMap<>();
    private static final AtomicInteger MINOR = new AtomicInteger();
    private static final AtomicInteger BLOCKED = new AtomicInteger();
    private static volatile String source;
    private static volatile boolean warned;

    private Accessibility() {
    }

    static boolean available() {
        return Files.isRegularFile(AXE);
    }

    /** Checks the page the browser shows now; the AssertionError lists every blocking violation with its elements. */
    static void check(WebDriver browser) {
        if (!available()) {
            if (!warned) {
                warned = true;
                System.err.println("Accessibility: " + AXE + " is missing (run `npm ci`): pages not checked by axe-core");
            }
            return;
        }
        // qaflow's own pages: not a PDF, and not Swagger UI (a library's page, served as it ships).
        if (!Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
                "return document.contentType === 'text/html';")) || browser.getCurrentUrl().contains("/swagger-ui/")) {
            return;
        }
        List<Violation> violations = violations(browser);
        String url = browser.getCurrentUrl();
        List<String> blocking = violations.stream().filter(v -> BLOCKING.contains(v.impact()))
                .map(v -> v.impact() + " " + v.id() + ": " + v.help() + " at " + v.targets()).toList();
        // The app's own pages are tallied; AccessibilityCheckTest's made-up page is not.
        if (url.startsWith("http")) {
            CHECKED.computeIfAbsent(url.replaceFirst("^https?://[^/]+", "").replaceAll("\\d+", "{n}"),
                    k -> new AtomicInteger()).incrementAndGet();
            BLOCKED.addAndGet(blocking.size());
            MINOR.addAndGet(violations.size() - blocking.size());
            writeSummary();
        }
        if (!blocking.isEmpty()) {
            throw new AssertionError("axe-core found " + blocking.size() + " critical or serious violation(s) on "
                    + url + ":\n  " + String.join("\n  ", blocking));
        }
    }

    record Violation(String id, String impact, String help, List<String> targets) {
    }

    @SuppressWarnings("unchecked")
    static List<Violation> violations(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(axeSource());
        }
        Object result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(function (r) {
                  done(r.violations.map(function (v) {
                    return {id: v.id, impact: v.impact || '', help: v.help,
                            targets: v.nodes.map(function (n) { return n.target.join(' '); })};
                  }));
                }, function (e) { done('axe failed: ' + e); });""");
        if (result instanceof String failure) {
            throw new AssertionError(failure + " on " + browser.getCurrentUrl());
        }
        List<Violation> violations = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            violations.add(new Violation((String) v.get("id"), (String) v.get("impact"), (String) v.get("help"),
                    (List<String>) v.get("targets")));
        }
        return violations;
    }

    private static String axeSource() {
        if (source == null) {
            try {
                source = Files.readString(AXE, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }

    private static synchronized void writeSummary() {
        StringBuilder out = new StringBuilder("page (ids as {n})\tstates checked\n");
        CHECKED.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.append(e.getKey()).append('\t').append(e.getValue()).append('\n'));
        int states = CHECKED.values().stream().mapToInt(AtomicInteger::get).sum();
        out.append("total: ").append(states).append(" page states, ").append(BLOCKED.get())
                .append(" critical or serious, ").append(MINOR.get()).append(" moderate or minor\n");
        try {
            Files.createDirectories(SUMMARY.getParent());
            Files.writeString(SUMMARY, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
