package org.qaflow.workflow;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes the engine's listeners and stores gather during a transaction and make just before it commits, in the same
 * transaction: a value kept per transaction under a key, handed to its writer before the commit, forgotten after.
 */
final class BeforeCommit {

    private BeforeCommit() {
    }

    /** This transaction's value under the key, made (and its writer registered) on first use; null outside one. */
    static <T> T gather(Object key, Supplier<T> create, Consumer<T> write) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        T value = gathered(key);
        if (value == null) {
            T created = create.get();
            TransactionSynchronizationManager.bindResource(key, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    write.accept(created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            value = created;
        }
        return value;
    }

    /** This transaction's value under the key, if it has one. */
    @SuppressWarnings("unchecked")
    static <T> T gathered(Object key) {
        return (T) TransactionSynchronizationManager.getResource(key);
    }
}
