package org.qaflow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The check that runs before Drools compiles a rule file, on Drools' own parse of real rule text. */
class RuleSandboxTest {

    static final String FILE = "claims/direct-claim.drl";

    /** A rule whose consequence line 9 (or condition line 7) holds the code under test. */
    static String rule(String condition, String consequence) {
        return """
                package claims

                import org.qaflow.rules.facts.*

                rule "Probe"
                when
                    $c : DirectClaimCheck( %s )
                then
                    %s
                end
                """.formatted(condition, consequence);
    }

    static List<RuleProblem> check(String drl) {
        return RuleSandbox.check(FILE, drl).problems();
    }

    @Test
    void everyShippedRuleFilePasses() throws IOException {
        try (Stream<Path> paths = Files.walk(Path.of("rules"))) {
            List<Path> drl = paths.filter(p -> p.toString().endsWith(".drl")).toList();
            assertThat(drl).hasSizeGreaterThanOrEqualTo(8);
            for (Path p : drl) {
                RuleSandbox.Checked checked = RuleSandbox.check(p.toString(), Files.readString(p));
                assertThat(checked.parsed()).as(p.toString()).isTrue();
                assertThat(checked.problems()).as(p.toString()).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            System.exit(0);                                                  | System
            Runtime.getRuntime().halt(0);                                    | Runtime
            $c.suspend(new String(Runtime.getRuntime().exec("id").getInputStream().readAllBytes())); | Runtime
            $c.suspend(new java.util.Scanner(new java.io.File("/etc/passwd")).next()); | java
            $c.suspend(java.nio.file.Files.readString(java.nio.file.Path.of("/etc/passwd"))); | java
            $c.suspend(Files.readString(Paths.get("/etc/passwd")));          | Files
            $c.suspend(String.valueOf(System.getenv()));                     | System
            $c.suspend("" + $c.getClass().getClassLoader());                 | getClass
            $c.suspend("" + String.class.getMethods().length);               | class
            Object o = Class.forName("java.lang.Runtime");                   | Object
            Thread.sleep(Long.MAX_VALUE);                                    | Thread
            while (true) { }                                                 | while
            do { $c.suspend("x"); } while (1 > 0);                           | do
            for (;;) { }                                                     | for
            synchronized ($c) { $c.suspend("x"); }                           | synchronized
            throw new IllegalStateException("x");                            | throw
            $c.suspend("" + Integer.getInteger("user.home"));                | getInteger
            $c.suspend("" + Month.MAY.getDeclaringClass().getResource("/")); | getDeclaringClass
            $c.suspend("" + LocalDate.now());                                | now
            $c.suspend(drools.getRule().getName());                          | drools
            \\u0053ystem.exit(0);                                            | \\u
            """)
    void aConsequenceReachingPastTheFactModelIsRefusedWithFileAndLine(String consequence, String named) {
        List<RuleProblem> problems = check(rule("currentStatus", consequence));

        assertThat(problems).isNotEmpty();
        RuleProblem first = problems.get(0);
        assertThat(first.file()).isEqualTo(FILE);
        assertThat(first.line()).isEqualTo(9);
        assertThat(first.message()).contains(named).contains("which rules may not use").containsPattern("column \\d+");
        assertThat(first.toString()).startsWith(FILE + " line 9: ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            openActions > java.lang.Runtime.getRuntime().availableProcessors() | java
            openActions > System.identityHashCode(this)                         | System
            qualifiedIqaCount < $c.getClass().getModifiers()                     | getClass
            """)
    void aConditionReachingPastTheFactModelIsRefusedWithItsLine(String condition, String named) {
        List<RuleProblem> problems = check(rule(condition, "$c.suspend(\"x\");"));

        assertThat(problems).extracting(RuleProblem::line).contains(7);
        assertThat(problems.get(0).message()).contains(named);
    }

    @Test
    void evalSalienceFunctionsGlobalsAndForeignImportsAreRefused() {
        String drl = """
                package claims
                import org.qaflow.rules.facts.*
                import java.io.File
                global java.util.List out
                function void f() { }
                rule "Probe" salience (System.exit(0))
                when
                    $c : DirectClaimCheck( )
                    eval( Thread.currentThread() != null )
                then
                    $c.suspend("x");
                end
                rule "Mvel" dialect "mvel"
                when
                    $c : DirectClaimCheck( )
                then
                    $c.suspend("x");
                end
                """;

        List<String> problems = check(drl).stream().map(RuleProblem::toString).toList();

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + " line 3: imports java.io.File"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + " line 4: declares a global"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + " line 5: defines a function"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + " line 6: the attribute salience"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + " line 9: refers to Thread"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(FILE + " line 13: the attribute dialect"));
    }

    @Test
    void builtInAccumulateFunctionsAreAllowedButAccumulateWithItsOwnCodeIsNot() {
        String builtIn = rule("currentStatus", "$c.note(\"\" + $n);").replace("then", """
                    Number( $n : intValue ) from accumulate( DirectClaimCheck( $o : openActions ), sum( $o ) )
                then""");
        String ownCode = rule("currentStatus", "$c.note(\"\" + $n);").replace("then", """
                    Number( $n : intValue ) from accumulate( DirectClaimCheck( $o : openActions ),
                        init( int total = 0; ), action( total += $o; ), result( total ) )
                then""");

        assertThat(check(builtIn)).isEmpty();
        assertThat(check(ownCode)).extracting(RuleProblem::line).containsExactly(8);
        assertThat(check(ownCode).get(0).message()).contains("accumulate with its own code");
    }

    @Test
    void forbiddenNamesInsideStringsAndCommentsAreOnlyText() {
        String drl = rule("currentStatus, latestOutcome != \"System.exit(0)\"",
                "$c.suspend(\"System.exit(0) while(true) \\\" Runtime\"); // System.exit(0)\n"
                        + "    /* Thread.sleep(1) */ String why = String.join(\", \", List.of(\"a\", \"b\"));\n"
                        + "    $c.note(why.toUpperCase() + Math.max(1, 2) + LocalDate.of(2026, 1, 1).plusDays(1));");

        assertThat(check(drl)).isEmpty();
    }

    @Test
    void aDataFileTagCannotInstantiateAClass() throws IOException {
        // Jackson's YAML reader sees tags as text and builds no objects from them.
        JsonNode node = RuleSetCompiler.YAML.readTree("""
                DirectClaimPolicy:
                  - !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x/"]]]]
                """);

        assertThat(node.get("DirectClaimPolicy").get(0).isArray()).isTrue();
        assertThat(node.toString()).doesNotContain("ScriptEngineManager");
    }
}
