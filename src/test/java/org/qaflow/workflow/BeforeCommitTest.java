package org.qaflow.workflow;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.qaflow.support.TestDirs;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the workflow holds back until the commit: what moves the engine goes first, then what stores the engine's work,
 * so a signal sent at the commit still has its trail and tasks written (a real transaction manager on H2).
 */
class BeforeCommitTest {

    private static final Path FOLDER = newFolder();
    private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(h2()));

    @Test
    void whatTheEngineDoesAtTheCommitIsStillStored() {
        List<String> stored = new ArrayList<>();
        List<String> storedLate = new ArrayList<>();
        Object trail = new Object();
        Object tasks = new Object();
        transaction.executeWithoutResult(status -> {
            BeforeCommit.<List<String>>gather(trail, BeforeCommit.Stage.STORE, ArrayList::new, stored::addAll)
                    .add("node entered in the step");
            BeforeCommit.<List<String>>gather("signals", BeforeCommit.Stage.MOVE_ENGINE, ArrayList::new, signals -> {
                // the held-back signal moves the engine at the commit: more trail, and a task touched for the first time
                BeforeCommit.<List<String>>gather(trail, BeforeCommit.Stage.STORE, ArrayList::new, stored::addAll)
                        .add("node entered by the signal");
                BeforeCommit.<List<String>>gather(tasks, BeforeCommit.Stage.STORE, ArrayList::new, storedLate::addAll)
                        .add("task created by the signal");
            }).add("unitsVerified");
            assertThat(stored).as("nothing is written before the commit").isEmpty();
        });

        assertThat(stored).containsExactly("node entered in the step", "node entered by the signal");
        assertThat(storedLate).containsExactly("task created by the signal");
        assertThat(BeforeCommit.<Object>gathered(trail)).as("forgotten after the commit").isNull();
    }

    @Test
    void aRolledBackTransactionWritesNothing() {
        List<String> stored = new ArrayList<>();
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            BeforeCommit.<List<String>>gather("trail", BeforeCommit.Stage.STORE, ArrayList::new, stored::addAll)
                    .add("node");
            throw new IllegalStateException("failed");
        })).hasMessage("failed");

        assertThat(stored).isEmpty();
    }

    @Test
    void outsideATransactionNothingIsHeldBack() {
        assertThat(BeforeCommit.<List<String>>gather("trail", BeforeCommit.Stage.STORE, ArrayList::new, list -> { }))
                .isNull();
    }

    private static Path newFolder() {
        return TestDirs.newDataDir("before-commit");
    }

    private static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + FOLDER.resolve("before-commit"));
        return dataSource;
    }
}
