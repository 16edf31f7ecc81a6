package org.qaflow.workflow;

import org.junit.jupiter.api.Test;
import org.qaflow.learner.RegistrationService;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.support.JourneyTestBase;
import org.qaflow.task.TaskInbox;
import org.qaflow.task.Tasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inbox holds a transaction's task changes back until its commit (the engine reports a new task as nine changes),
 * yet a read of the inbox in that transaction sees them, and a transaction rolled back leaves nothing behind.
 */
class TaskInboxAtCommitTest extends JourneyTestBase {

    private static final String ACUMEN_AWARD = "610/3751/5";

    @Autowired
    TransactionTemplate transaction;
    @Autowired
    RegistrationService registrations;
    @Autowired
    AppUserRepository users;
    @Autowired
    Tasks tasks;

    @Test
    void aNewTaskIsWrittenOnceAtTheCommitAndAReadInTheSameTransactionSeesIt() {
        AppUser assessor = users.findById("assessor").orElseThrow();
        Long claimId = transaction.execute(status -> {
            long id = register();
            assertThat(rows(id)).as("held back while the transaction runs").isZero();
            assertThat(tasks.mine(assessor, PageRequest.of(0, 1000)).getContent())
                    .as("a read through the inbox writes what waits first")
                    .filteredOn(t -> t.claimId() == id).extracting(TaskInbox.InboxTask::unitRef).containsExactly("L4B1");
            return id;
        });

        Map<String, Object> row = jdbc.queryForMap("select task_name, unit_ref, centre_code, owner, holder, status "
                + "from task_inbox where claim_id = ?", claimId);
        assertThat(row).containsEntry("TASK_NAME", Tasks.ASSESS_UNIT).containsEntry("UNIT_REF", "L4B1")
                .containsEntry("OWNER", "assessor").containsEntry("HOLDER", "assessor").containsEntry("STATUS", "Reserved");
        assertThat(rows(claimId)).isEqualTo(1);
    }

    @Test
    void aRegistrationRolledBackLeavesNoTaskInTheInbox() {
        long[] claimId = new long[1];
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            claimId[0] = register();
            throw new IllegalStateException("the request failed after the registration");
        })).hasMessage("the request failed after the registration");

        assertThat(rows(claimId[0])).isZero();
        assertThat(tasks(("assessor"))).noneMatch(t -> t.path("claimId").asLong() == claimId[0]);
    }

    private long register() {
        String uln = newUln();
        return registrations.register(new RegistrationService.Registration("Test", "Learner " + uln,
                LocalDate.of(1995, 5, 5), uln, ACUMEN_AWARD, null, "assessor"),
                users.findById("provider").orElseThrow()).getId();
    }

    private int rows(long claimId) {
        Integer n = jdbc.queryForObject("select count(*) from task_inbox where claim_id = ?", Integer.class, claimId);
        return n == null ? 0 : n;
    }
}
