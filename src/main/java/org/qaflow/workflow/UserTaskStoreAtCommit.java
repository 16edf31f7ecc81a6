package org.qaflow.workflow;

import org.jbpm.usertask.jpa.springboot.SpringBootJPAUserTaskInstances;
import org.kie.kogito.auth.IdentityProvider;
import org.kie.kogito.usertask.UserTaskInstance;
import org.kie.kogito.usertask.UserTaskInstances;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine's user-task store (Kogito's JPA one), with the changes to a task written once per transaction, just
 * before it commits. The engine saves a task after every single change: creating one assessment task set its name,
 * description, inputs, users, owner, metadata and state one by one, and each save mapped the whole task (its inputs to
 * JSON included) onto its entity and merged it, some fifteen per cent of a registration's CPU. Reading a task through
 * the store writes what is waiting first, so the engine never reads an older state than the one it holds. Kogito's
 * generated configuration takes the first UserTaskInstances bean, hence the order.
 */
@Component
@Order(0)
public class UserTaskStoreAtCommit implements UserTaskInstances {

    private final SpringBootJPAUserTaskInstances store;

    public UserTaskStoreAtCommit(SpringBootJPAUserTaskInstances store) {
        this.store = store;
    }

    @Override
    public Optional<UserTaskInstance> findById(String id) {
        writeWaiting();
        return store.findById(id);
    }

    @Override
    public List<UserTaskInstance> findByIdentity(IdentityProvider identity) {
        writeWaiting();
        return store.findByIdentity(identity);
    }

    @Override
    public boolean exists(String id) {
        writeWaiting();
        return store.exists(id);
    }

    @Override
    public UserTaskInstance create(UserTaskInstance task) {
        return store.create(task);
    }

    @Override
    public UserTaskInstance update(UserTaskInstance task) {
        Map<String, UserTaskInstance> waiting = waiting();
        if (waiting == null) {
            return store.update(task);
        }
        waiting.put(task.getId(), task);
        return task;
    }

    @Override
    public UserTaskInstance remove(UserTaskInstance task) {
        Map<String, UserTaskInstance> waiting = BeforeCommit.gathered(this);
        if (waiting != null) {
            waiting.remove(task.getId());
        }
        return store.remove(task);
    }

    @Override
    public void setReconnectUserTaskInstance(Function<UserTaskInstance, UserTaskInstance> reconnect) {
        store.setReconnectUserTaskInstance(reconnect);
    }

    @Override
    public void setDisconnectUserTaskInstance(Function<UserTaskInstance, UserTaskInstance> disconnect) {
        store.setDisconnectUserTaskInstance(disconnect);
    }

    private void writeWaiting() {
        BeforeCommit.<UserTaskInstance>writeHeld(this, store::update);
    }

    /** This transaction's unwritten tasks; null outside a transaction. */
    private Map<String, UserTaskInstance> waiting() {
        return BeforeCommit.gather(this, BeforeCommit.Stage.STORE, LinkedHashMap::new,
                waiting -> BeforeCommit.writeAll(waiting, store::update));
    }
}
