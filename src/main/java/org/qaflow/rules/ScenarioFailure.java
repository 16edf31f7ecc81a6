package org.qaflow.rules;

/** A rule scenario whose outcome differs from what it expects. */
public record ScenarioFailure(String file, String scenario, String field, String expected, String actual) {

    @Override
    public String toString() {
        return file + ": \"" + scenario + "\": " + field + " expected " + expected + ", was " + actual;
    }
}
