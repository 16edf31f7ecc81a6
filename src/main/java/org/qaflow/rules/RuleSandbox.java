package org.qaflow.rules;

import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.MVELExprDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.qaflow.rules.facts.*;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.*;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Refuses, before Drools compiles anything, rule code that could reach past the fact model: rule code runs inside the
 * server with its rights, so a rule may name only the fact classes and a short list of side-effect-free value classes,
 * and may not loop, throw, synchronise, define functions or globals, or touch the engine. Checked on Drools' own parse
 * of each file (imports, attributes, patterns, constraints, consequences), with each piece of code tokenised so that
 * string literals and comments are skipped. Each refusal names the file, line and column.
 */
final class RuleSandbox {

    /** The classes rules reason about; data rows and check facts. */
    static final List<Class<?>> FACT_MODEL = List.of(BaselineSamplingRate.class, CategoryMinimum.class,
            CombinationCheck.class, CombinationRequirement.class, DirectClaimCheck.class, DirectClaimPolicy.class,
            EqaReleaseCheck.class, EqaReleasePolicy.class,
            EligibilityCheck.class, EligibilityCheck.Cpd.class, EqaRiskUplift.class, EqaSampleCheck.class,
            EqaSampleSizeBand.class, IqaSamplingCheck.class, IqaSamplingPolicy.class, ListedUnit.class,
            RecognisedQualification.class, RoleRequirement.class);

    /** Immutable values, collections and arithmetic: nothing here reads or changes anything outside its arguments. */
    static final List<Class<?>> VALUE_CLASSES = List.of(String.class, StringBuilder.class, Math.class, Integer.class,
            Long.class, Double.class, Boolean.class, Character.class, Number.class, BigDecimal.class, BigInteger.class,
            LocalDate.class, Period.class, ChronoUnit.class, DayOfWeek.class, Month.class, Year.class, YearMonth.class,
            Collection.class, List.class, Set.class, Map.class, ArrayList.class, LinkedHashSet.class, HashSet.class,
            HashMap.class, LinkedHashMap.class, TreeMap.class, TreeSet.class, Collections.class, Objects.class,
            Optional.class);

    private static final String FACTS_PACKAGE = CombinationCheck.class.getPackageName();

    /** Simple name (and nested name, e.g. EligibilityCheck.Cpd) to class, for every type a rule may name. */
    private static final Map<String, Class<?>> ALLOWED_TYPES = Stream.concat(FACT_MODEL.stream(), VALUE_CLASSES.stream())
            .collect(Collectors.toUnmodifiableMap(c -> c.getSimpleName(), c -> c, (a, b) -> a));

    private static final Set<String> ALLOWED_IMPORTS = Stream.concat(
            Stream.of(FACTS_PACKAGE + ".*"),
            Stream.concat(FACT_MODEL.stream(), VALUE_CLASSES.stream()).map(c -> c.getName().replace('$', '.')))
            .collect(Collectors.toUnmodifiableSet());

    /**
     * Methods of the fact model, and their bean property names, which constraints may use unqualified
     * (e.g. {@code countOf($category) < $min}, {@code requiresAlso.size() > 0}).
     */
    private static final Set<String> FACT_MEMBERS = FACT_MODEL.stream()
            .flatMap(c -> Arrays.stream(c.getMethods()))
            .filter(m -> m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers()))
            .flatMap(RuleSandbox::memberNames)
            .collect(Collectors.toUnmodifiableSet());

    /** Words a rule may not use at all: loops, exceptions, locking, definitions, and the engine's own handles. */
    private static final Map<String, String> REFUSED_WORDS = Map.ofEntries(
            Map.entry("while", "a loop"), Map.entry("for", "a loop"), Map.entry("do", "a loop"),
            Map.entry("foreach", "a loop"), Map.entry("until", "a loop"),
            Map.entry("synchronized", "locking"), Map.entry("throw", "throwing"), Map.entry("try", "exception handling"),
            Map.entry("catch", "exception handling"), Map.entry("finally", "exception handling"),
            Map.entry("class", "a class definition"), Map.entry("interface", "a type definition"),
            Map.entry("enum", "a type definition"), Map.entry("record", "a type definition"),
            Map.entry("import", "an import inside code"), Map.entry("package", "a package name"),
            Map.entry("def", "a function definition"), Map.entry("function", "a function definition"),
            Map.entry("assert", "an assertion"), Map.entry("native", "native code"),
            Map.entry("volatile", "shared state"), Map.entry("transient", "shared state"),
            Map.entry("super", "the engine's classes"), Map.entry("drools", "the engine itself"),
            Map.entry("kcontext", "the engine itself"));

    /** Members that reach the class loader, reflection, the environment, the clock or the thread. */
    private static final Set<String> REFUSED_MEMBERS = Set.of("getClass", "class", "getClassLoader",
            "getContextClassLoader", "forName", "newInstance", "invoke", "setAccessible", "getMethod", "getMethods",
            "getDeclaredMethod", "getDeclaredMethods", "getField", "getFields", "getDeclaredField", "getDeclaredFields",
            "getConstructor", "getConstructors", "getDeclaredConstructor", "getDeclaredConstructors", "getModule",
            "getDeclaringClass", "getEnclosingClass", "getSuperclass", "getInterfaces", "getComponentType", "getPackage",
            "getProtectionDomain", "getResource", "getResourceAsStream", "describeConstable", "resolveConstantDesc",
            "getRuntime", "exec", "exit", "halt", "getenv", "getProperty", "getProperties", "setProperty", "load",
            "loadLibrary", "getInteger", "getLong", "getBoolean", "wait", "notify", "notifyAll", "sleep", "now");

    /** Words of Java, MVEL and DRL constraints that are neither types nor variables. */
    private static final Set<String> LANGUAGE_WORDS = Set.of("true", "false", "null", "new", "return", "if", "else",
            "switch", "case", "default", "break", "continue", "yield", "instanceof", "final", "var", "int", "long",
            "double", "float", "boolean", "char", "byte", "short", "void", "this", "matches", "contains", "memberOf",
            "soundslike", "str", "excludes", "in", "not", "after", "before", "coincides", "during", "finishes",
            "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby", "starts", "startedby");

    /** The engine's own operations a consequence may call: they change facts, nothing else. */
    private static final Set<String> CONSEQUENCE_CALLS = Set.of("insert", "insertLogical", "update", "modify",
            "retract", "delete");

    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average",
            "collectList", "collectSet");

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\+u");

    private RuleSandbox() {
    }

    private static Stream<String> memberNames(Method m) {
        String name = m.getName();
        if (name.startsWith("get") && name.length() > 3 && m.getParameterCount() == 0) {
            return Stream.of(name, Character.toLowerCase(name.charAt(3)) + name.substring(4));
        }
        if (name.startsWith("is") && name.length() > 2 && m.getParameterCount() == 0) {
            return Stream.of(name, Character.toLowerCase(name.charAt(2)) + name.substring(3));
        }
        return Stream.of(name);
    }

    /** Problems of one rule file; a file Drools cannot parse is left to the compiler, which names its errors. */
    static Checked check(String path, String content) {
        if (path.endsWith(".drl.csv")) {
            String drl;
            try {
                drl = new SpreadsheetCompiler().compile(
                        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), InputType.CSV);
            } catch (RuntimeException e) {
                return new Checked(List.of(), false);
            }
            // Lines of the generated DRL mean nothing to the author of the table, so only the rule is named.
            Checked generated = checkDrl(path, drl);
            return new Checked(generated.problems().stream()
                    .map(p -> new RuleProblem(path, null, p.message().replaceFirst(" \\(column \\d+\\)$", "")))
                    .toList(), generated.parsed());
        }
        return checkDrl(path, content);
    }

    record Checked(List<RuleProblem> problems, boolean parsed) {
    }

    private static Checked checkDrl(String path, String drl) {
        Source source = new Source(path, drl);
        var escape = UNICODE_ESCAPE.matcher(drl);
        while (escape.find()) {
            // An odd number of backslashes before u is a unicode escape, which javac decodes before anything else.
            if ((escape.end() - escape.start() - 1) % 2 == 1) {
                source.refuse(escape.start(), "uses a \\u escape, which rules may not use: write the character itself");
                return new Checked(source.problems, true);
            }
        }
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException | RuntimeException e) {
            return new Checked(List.of(), false);
        }
        if (pkg == null || parser.hasErrors()) {
            return new Checked(List.of(), false);
        }
        for (ImportDescr i : pkg.getImports()) {
            if (!ALLOWED_IMPORTS.contains(i.getTarget()) && !i.getTarget().equals("java.lang.*")) {
                source.refuseAt(i, i.getTarget(), "imports " + i.getTarget() + ", which rules may not use: import "
                        + FACTS_PACKAGE + ".* and, if needed, one of " + new TreeSet<>(names(VALUE_CLASSES)));
            }
        }
        pkg.getFunctionImports().forEach(f -> source.refuseAt(f, null, "imports a function, which rules may not use"));
        pkg.getAccumulateImports().forEach(a -> source.refuseAt(a, null,
                "imports an accumulate function, which rules may not use"));
        pkg.getGlobals().forEach(g -> source.refuseAt(g, null, "declares a global, which rules may not use"));
        pkg.getFunctions().forEach(f -> source.refuseAt(f, null, "defines a function, which rules may not use"));
        pkg.getTypeDeclarations().forEach(t -> source.refuseAt(t, null, "declares a type, which rules may not use"));
        pkg.getEnumDeclarations().forEach(t -> source.refuseAt(t, null, "declares an enum, which rules may not use"));
        pkg.getEntryPointDeclarations().forEach(t -> source.refuseAt(t, null,
                "declares an entry point, which rules may not use"));
        pkg.getWindowDeclarations().forEach(t -> source.refuseAt(t, null, "declares a window, which rules may not use"));
        if (pkg.getUnit() != null) {
            source.refuseAt(pkg.getUnit(), null, "declares a rule unit, which rules may not use");
        }
        pkg.getAttributes().forEach(a -> checkAttribute(source, a));
        for (RuleDescr rule : pkg.getRules()) {
            rule.getAttributes().values().forEach(a -> checkAttribute(source, a));
            if (!rule.getNamedConsequences().isEmpty()) {
                source.refuseAt(rule, null, "rule \"" + rule.getName() + "\" has named consequences, which rules may not use");
            }
            checkLhs(source, rule.getLhs(), rule);
            if (rule.getConsequence() != null) {
                int from = source.offsetOfLine(rule.getConsequenceLine());
                new Code(source, rule.getConsequence().toString(), from, true).check();
            }
        }
        return new Checked(source.problems, true);
    }

    private static List<String> names(List<Class<?>> classes) {
        return classes.stream().map(c -> c.getName().replace('$', '.')).toList();
    }

    private static void checkAttribute(Source source, AttributeDescr a) {
        String value = a.getValue() == null ? "" : a.getValue().trim().replaceAll("^\"|\"$", "");
        boolean ok = switch (a.getName()) {
            case "salience" -> INTEGER.matcher(value).matches();
            case "no-loop", "lock-on-active", "auto-focus", "enabled" -> value.isEmpty() || value.equals("true")
                    || value.equals("false");
            case "dialect" -> value.equals("java");
            case "agenda-group", "activation-group", "ruleflow-group" -> true;
            default -> false;
        };
        if (!ok) {
            source.refuseAt(a, a.getName(), "the attribute " + a.getName() + (value.isEmpty() ? "" : " " + value)
                    + " is not allowed: rules may use salience (a whole number), no-loop, lock-on-active, auto-focus, "
                    + "enabled (true or false), agenda-group, activation-group, ruleflow-group and dialect \"java\"");
        }
    }

    /** Checks a condition and what it contains; {@code around} locates pieces the parser gives no line for. */
    private static void checkLhs(Source source, BaseDescr descr, BaseDescr around) {
        if (descr == null) {
            return;
        }
        BaseDescr at = descr.getLine() > 0 ? descr : around;
        if (descr instanceof PatternDescr pattern) {
            checkType(source, at, pattern.getObjectType());
            if (!pattern.getBehaviors().isEmpty()) {
                source.refuseAt(at, null, "uses a sliding window, which rules may not use");
            }
            checkLhs(source, (BaseDescr) pattern.getConstraint(), pattern);
            if (pattern.getSource() != null) {
                checkLhs(source, pattern.getSource(), pattern);
            }
        } else if (descr instanceof ExprConstraintDescr constraint) {
            source.code(at, constraint.getExpression());
        } else if (descr instanceof EvalDescr eval) {
            source.code(at, String.valueOf(eval.getContent()));
        } else if (descr instanceof FromDescr from) {
            if (from.getDataSource() instanceof MVELExprDescr expr) {
                source.code(at, expr.getExpression());
            } else {
                source.refuseAt(at, null, "uses a kind of 'from' which rules may not use");
            }
        } else if (descr instanceof AccumulateDescr acc) {
            if (acc.getInitCode() != null || acc.getActionCode() != null || acc.getReverseCode() != null
                    || acc.getResultCode() != null) {
                source.refuseAt(at, "accumulate", "uses accumulate with its own code, which rules may not use: use "
                        + ACCUMULATE_FUNCTIONS);
            }
            for (AccumulateDescr.AccumulateFunctionCallDescr f : acc.getFunctions()) {
                if (!ACCUMULATE_FUNCTIONS.contains(f.getFunction())) {
                    source.refuseAt(at, f.getFunction(), "uses the accumulate function " + f.getFunction()
                            + ", which rules may not use: use one of " + new TreeSet<>(ACCUMULATE_FUNCTIONS));
                }
                for (String param : f.getParams()) {
                    source.code(at, param);
                }
            }
            acc.getDescrs().forEach(d -> checkLhs(source, d, at));
        } else if (descr instanceof CollectDescr collect) {
            checkLhs(source, collect.getInputPattern(), at);
        } else if (descr instanceof EntryPointDescr) {
            // "from entry-point" names a stream of facts; no code.
        } else if (descr instanceof ConditionalElementDescr ce && isLogical(descr)) {
            for (Object child : ce.getDescrs()) {
                checkLhs(source, (BaseDescr) child, at);
            }
        } else {
            source.refuseAt(at, null, "uses " + descr.getClass().getSimpleName().replace("Descr", "")
                    + ", which rules may not use");
        }
    }

    private static boolean isLogical(BaseDescr descr) {
        String kind = descr.getClass().getSimpleName();
        return kind.equals("AndDescr") || kind.equals("OrDescr") || kind.equals("NotDescr")
                || kind.equals("ExistsDescr") || kind.equals("ForallDescr");
    }

    private static void checkType(Source source, BaseDescr at, String type) {
        if (type == null) {
            return;
        }
        String simple = type.startsWith(FACTS_PACKAGE + ".") ? type.substring(FACTS_PACKAGE.length() + 1) : type;
        if (!ALLOWED_TYPES.containsKey(simple) && !ALLOWED_IMPORTS.contains(type)) {
            source.refuseAt(at, type, "matches " + type + ", which rules may not use: patterns match the fact classes "
                    + new TreeSet<>(FACT_MODEL.stream().map(Class::getSimpleName).toList()));
        }
    }

    /** A rule file's text, to turn offsets into lines and columns, and the refusals found in it. */
    private static final class Source {
        final String path;
        final String text;
        final List<RuleProblem> problems = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();

        Source(String path, String text) {
            this.path = path;
            this.text = text;
        }

        int offsetOfLine(int line) {
            int offset = 0;
            for (int l = 1; l < line && offset >= 0; l++) {
                offset = text.indexOf('\n', offset);
                offset = offset < 0 ? -1 : offset + 1;
            }
            return Math.max(offset, 0);
        }

        /** The start of the descr's line: columns differ between parsers, lines do not. */
        int offsetOf(BaseDescr descr) {
            if (descr.getLine() > 0) {
                return offsetOfLine(descr.getLine());
            }
            return descr.getStartCharacter() >= 0 && descr.getStartCharacter() < text.length()
                    ? descr.getStartCharacter() : -1;
        }

        /** Code found in a descr: located by searching its text from where the descr starts. */
        void code(BaseDescr at, String code) {
            if (code == null || code.isBlank()) {
                return;
            }
            int from = offsetOf(at);
            new Code(this, code, Math.max(from, 0), false).check();
        }

        void refuseAt(BaseDescr at, String word, String message) {
            int offset = offsetOf(at);
            if (offset >= 0 && word != null) {
                int found = text.indexOf(word, offset);
                offset = found >= 0 ? found : offset;
            }
            refuse(offset, message);
        }

        void refuse(int offset, String message) {
            Integer line = null;
            String where = "";
            if (offset >= 0 && offset <= text.length()) {
                int lineStart = offset == 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
                line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
                where = " (column " + (offset - lineStart + 1) + ")";
            }
            if (seen.add(line + message)) {
                problems.add(new RuleProblem(path, line, message + where));
            }
        }
    }

    private record Token(String text, int offset, boolean word) {
        boolean is(String s) {
            return text.equals(s);
        }
    }

    /** One piece of Java or MVEL code: a consequence, a constraint, an eval, a 'from' expression. */
    private static final class Code {
        private final Source source;
        private final String code;
        private final int base;
        private final boolean consequence;

        Code(Source source, String code, int searchFrom, boolean consequence) {
            this.source = source;
            this.code = code;
            this.consequence = consequence;
            int found = source.text.indexOf(code, searchFrom);
            if (found < 0) {
                found = source.text.indexOf(code.strip(), searchFrom);
            }
            this.base = found >= 0 ? found : searchFrom;
        }

        void check() {
            List<Token> tokens = tokens();
            Set<String> locals = consequence ? locals(tokens) : Set.of();
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (!t.word()) {
                    continue;
                }
                Token previous = i > 0 ? tokens.get(i - 1) : null;
                Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
                String name = t.text();
                if (previous != null && (previous.is(".") || previous.is("::") || previous.is("?.")
                        || previous.is("!."))) {
                    if (REFUSED_MEMBERS.contains(name)) {
                        refuse(t, name.equals("class") ? "refers to a class literal, which rules may not use"
                                : "calls " + name + ", which rules may not use");
                    }
                    continue;
                }
                if (REFUSED_WORDS.containsKey(name)) {
                    refuse(t, "uses " + name + " (" + REFUSED_WORDS.get(name) + "), which rules may not use");
                } else if (name.equals("this") && consequence) {
                    refuse(t, "refers to this, which a consequence may not use: use the fact's variable");
                } else if (Character.isUpperCase(name.charAt(0))) {
                    if (!ALLOWED_TYPES.containsKey(name)) {
                        refuse(t, "refers to " + name + ", which rules may not use");
                    }
                } else if (name.startsWith("$") || LANGUAGE_WORDS.contains(name) || locals.contains(name)) {
                    // a bound variable, a keyword or a local variable
                } else if (next != null && (next.is(".") || next.is("(") || next.is("::"))) {
                    // Unqualified, a name is a member of the fact (constraints, modify blocks) or an engine operation.
                    boolean known = FACT_MEMBERS.contains(name)
                            || consequence && next.is("(") && CONSEQUENCE_CALLS.contains(name);
                    if (!known) {
                        refuse(t, "refers to " + name + ", which rules may not use");
                    }
                }
            }
        }

        private void refuse(Token t, String message) {
            source.refuse(base + t.offset(), message);
        }

        /** Names declared in the consequence: after a type ("String s =", "List<String> xs ="), or a lambda's. */
        private static Set<String> locals(List<Token> tokens) {
            Set<String> locals = new HashSet<>();
            for (int i = 1; i + 1 < tokens.size(); i++) {
                Token t = tokens.get(i);
                Token previous = tokens.get(i - 1);
                Token next = tokens.get(i + 1);
                boolean afterType = (previous.word() && !LANGUAGE_WORDS.contains(previous.text())
                        || previous.is(">") || previous.is("]") || previous.is("var"))
                        && (next.is("=") || next.is(";") || next.is(":") || next.is(","));
                if (t.word() && !t.text().startsWith("$") && (afterType || next.is("->"))) {
                    locals.add(t.text());
                }
            }
            return locals;
        }

        /** Words and punctuation; string and character literals and comments are skipped. */
        private List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            int n = code.length();
            while (i < n) {
                char c = code.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (code.startsWith("//", i)) {
                    int end = code.indexOf('\n', i);
                    i = end < 0 ? n : end;
                } else if (code.startsWith("/*", i)) {
                    int end = code.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                } else if (code.startsWith("\"\"\"", i)) {
                    int end = code.indexOf("\"\"\"", i + 3);
                    i = end < 0 ? n : end + 3;
                } else if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < n && code.charAt(j) != c) {
                        j += code.charAt(j) == '\\' ? 2 : 1;
                    }
                    i = j + 1;
                } else if (Character.isJavaIdentifierStart(c)) {
                    int j = i + 1;
                    while (j < n && Character.isJavaIdentifierPart(code.charAt(j))) {
                        j++;
                    }
                    tokens.add(new Token(code.substring(i, j), i, true));
                    i = j;
                } else if (Character.isDigit(c)) {
                    int j = i + 1;
                    while (j < n && (Character.isLetterOrDigit(code.charAt(j)) || code.charAt(j) == '_'
                            || code.charAt(j) == '.' && j + 1 < n && Character.isDigit(code.charAt(j + 1)))) {
                        j++;
                    }
                    tokens.add(new Token(code.substring(i, j), i, false));
                    i = j;
                } else {
                    String two = i + 1 < n ? code.substring(i, i + 2) : "";
                    if (two.equals("::") || two.equals("->") || two.equals("?.") || two.equals("!.")) {
                        tokens.add(new Token(two, i, false));
                        i += 2;
                    } else {
                        tokens.add(new Token(String.valueOf(c), i, false));
                        i++;
                    }
                }
            }
            return tokens;
        }
    }
}
