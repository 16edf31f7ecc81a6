package org.qaflow.support;

import org.qaflow.QaflowApplication;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command that starts qaflow in a JVM of its own (to be killed, or to be held to a small heap) on the tests' classpath. */
public final class AppJvm {

    private AppJvm() {
    }

    /**
     * 512 MB of heap, and the client compiler only: on two cores the server compiler's work during start-up competes
     * with the start itself, which then takes about a third longer. What these tests check (what a kill loses, what a
     * small heap survives) does not depend on the compiler.
     */
    public static List<String> command(TestDatabase database, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                QaflowApplication.class.getName()));
        command.addAll(List.of(database.args(args)));
        return command;
    }
}
