package org.qaflow.rules;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parent of every rule set's class loader, remembering what it found and what it did not. Compiling DRL (and
 * the first evaluation of a new rule set) asks the class loader about every identifier in every import package,
 * almost all of which are not classes; each miss searches the application's jars again. Remembering the answers
 * across rebuilds took a third of a rebuild's time away (docs/benchmarks.md). Only classes the application itself
 * holds are remembered: what a rule set compiles is defined in its own loader, never here.
 */
final class RuleClassLoader extends ClassLoader {

    static final RuleClassLoader INSTANCE = new RuleClassLoader(RuleClassLoader.class.getClassLoader());

    /** Names are the rule files' identifiers, so this stays small; the bound only guards against the absurd. */
    private static final int MAX_REMEMBERED = 100_000;

    private final Map<String, Class<?>> found = new ConcurrentHashMap<>();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    static {
        registerAsParallelCapable();
    }

    private RuleClassLoader(ClassLoader application) {
        super("qaflow-rules", application);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Class<?> known = found.get(name);
        if (known != null) {
            return known;
        }
        if (missing.contains(name)) {
            throw new Missing(name);
        }
        try {
            Class<?> loaded = getParent().loadClass(name);
            if (found.size() < MAX_REMEMBERED) {
                found.put(name, loaded);
            }
            return loaded;
        } catch (ClassNotFoundException e) {
            if (missing.size() < MAX_REMEMBERED) {
                missing.add(name);
            }
            throw e;
        }
    }

    /** Thrown for a name already known to be no class: without a stack trace, which would cost more than the look-up. */
    private static final class Missing extends ClassNotFoundException {
        Missing(String name) {
            super(name);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
