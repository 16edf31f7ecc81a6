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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
    private static final Set<String> CHECKED_PAGES = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger REPEATS = new AtomicInteger();
    private static final AtomicLong INJECTING_NANOS = new AtomicLong();
    private static final AtomicLong RUNNING_NANOS = new AtomicLong();
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
        String url = browser.getCurrentUrl();
        // axe takes about a third of a browser walk's time; a page that differs from one that passed, in a window of
        // the same size, only in the numbers of its text gives the same answer.
        String fingerprint = fingerprint(browser);
        if (CHECKED_PAGES.contains(fingerprint)) {
            REPEATS.incrementAndGet();
            writeSummary();
            return;
        }
        List<Violation> violations = violations(browser);
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
        CHECKED_PAGES.add(fingerprint);
    }

    /**
     * The page as axe sees it, less what changes with every response for the same page (the render token, the CSRF
     * token, script nonces) and the numbers in its text (counts, dates; numbers in attributes, such as ids, are kept):
     * the window's size, the page's length and two 32-bit hashes of it.
     */
    private static String fingerprint(WebDriver browser) {
        return (String) ((JavascriptExecutor) browser).executeScript("""
                var page = document.documentElement.cloneNode(true);
                page.querySelectorAll('meta[name="qaflow-render"]').forEach(function (m) { m.removeAttribute('content'); });
                page.querySelectorAll('input[type=hidden]').forEach(function (i) { i.removeAttribute('value'); });
                page.querySelectorAll('[nonce]').forEach(function (e) { e.removeAttribute('nonce'); });
                var texts = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
                while (texts.nextNode()) texts.currentNode.nodeValue = texts.currentNode.nodeValue.replace(/[0-9]+/g, '0');
                var html = page.outerHTML, fnv = 0x811c9dc5, poly = 0;
                for (var i = 0; i < html.length; i++) {
                  var c = html.charCodeAt(i);
                  fnv = Math.imul(fnv ^ c, 16777619);
                  poly = (Math.imul(poly, 31) + c) | 0;
                }
                return window.innerWidth + 'x' + window.innerHeight + ':' + html.length + ':' + (fnv >>> 0) + ':'
                    + (poly >>> 0);""");
    }

    record Violation(String id, String impact, String help, List<String> targets) {
    }

    @SuppressWarnings("unchecked")
    static List<Violation> violations(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long start = System.nanoTime();
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
            js.executeScript(source());
        }
        long injected = System.nanoTime();
        INJECTING_NANOS.addAndGet(injected - start);
        Object result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(function (r) {
                  done(r.violations.map(function (v) {
                    return {id: v.id, impact: v.impact || '', help: v.help,
                            targets: v.nodes.map(function (n) { return n.target.join(' '); })};
                  }));
                }, function (e) { done('axe failed: ' + e); });""");
        RUNNING_NANOS.addAndGet(System.nanoTime() - injected);
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

    static String source() {
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
                .append(" critical or serious, ").append(MINOR.get()).append(" moderate or minor\n")
                .append("not checked again: ").append(REPEATS.get()).append(" page states identical to one checked\n")
                .append("time: ").append(INJECTING_NANOS.get() / 1_000_000).append(" ms putting axe into pages, ")
                .append(RUNNING_NANOS.get() / 1_000_000).append(" ms running it\n");
        try {
            Files.createDirectories(SUMMARY.getParent());
            Files.writeString(SUMMARY, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
