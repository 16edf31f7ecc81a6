package org.qaflow.workflow;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work the workflow gathers during a transaction and does just before it commits, in the same transaction: a value
 * kept per transaction under a key, handed to its writer before the commit, forgotten after. Writers run in two
 * stages: first what moves the engine (claim signals held back until a step has returned), then what stores what the
 * engine did (the process trail, the user tasks), so that nothing the first stage moves is left unwritten. A value
 * first gathered while the commit is already under way is still written.
 */
final class BeforeCommit {

    /** The stages, in the order they run. */
    enum Stage { MOVE_ENGINE, STORE }

    private static final Object GATHERED = BeforeCommit.class.getName() + ".gathered";

    private BeforeCommit() {
    }

    private record Gathered(Object value, Consumer<Object> write, Stage stage) {
    }

    /** The transaction's gathered values in the order they were first gathered, each with its writer. */
    private static final class Transaction {
        final Map<Object, Gathered> byKey = new HashMap<>();
        final List<Gathered> inOrder = new ArrayList<>();

        void writeAll() {
            for (Stage stage : Stage.values()) {
                // by index: writing a value may gather new ones, which this loop then reaches too
                for (int i = 0; i < inOrder.size(); i++) {
                    Gathered gathered = inOrder.get(i);
                    if (gathered.stage() == stage) {
                        gathered.write().accept(gathered.value());
                    }
                }
            }
        }
    }

    /** This transaction's value under the key, made (and its writer kept) on first use; null outside a transaction. */
    @SuppressWarnings("unchecked")
    static <T> T gather(Object key, Stage stage, Supplier<T> create, Consumer<T> write) {
        Transaction transaction = transaction();
        if (transaction == null) {
            return null;
        }
        Gathered gathered = transaction.byKey.get(key);
        if (gathered == null) {
            gathered = new Gathered(create.get(), value -> write.accept((T) value), stage);
            transaction.byKey.put(key, gathered);
            transaction.inOrder.add(gathered);
        }
        return (T) gathered.value();
    }

    /** This transaction's value under the key, if it has one. */
    @SuppressWarnings("unchecked")
    static <T> T gathered(Object key) {
        Transaction transaction = (Transaction) TransactionSynchronizationManager.getResource(GATHERED);
        Gathered gathered = transaction == null ? null : transaction.byKey.get(key);
        return gathered == null ? null : (T) gathered.value();
    }

    /**
     * Writes one by one the values this transaction holds under the key in a map (by id), emptying it as it goes; a
     * read that must see them calls this first. Nothing when the transaction holds none.
     */
    static <V> void writeHeld(Object key, Consumer<V> write) {
        Map<String, V> held = gathered(key);
        if (held != null) {
            writeAll(held, write);
        }
    }

    /** Writes and removes the held values one at a time, so that a write which holds back another is still seen. */
    static <V> void writeAll(Map<String, V> held, Consumer<V> write) {
        while (!held.isEmpty()) {
            String id = held.keySet().iterator().next();
            write.accept(held.remove(id));
        }
    }

    private static Transaction transaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Transaction transaction = (Transaction) TransactionSynchronizationManager.getResource(GATHERED);
        if (transaction == null) {
            Transaction created = new Transaction();
            TransactionSynchronizationManager.bindResource(GATHERED, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    created.writeAll();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(GATHERED);
                }
            });
            transaction = created;
        }
        return transaction;
    }
}
