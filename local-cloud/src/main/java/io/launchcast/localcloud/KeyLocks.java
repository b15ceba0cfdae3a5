package io.launchcast.localcloud;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** A fixed set of lock stripes chosen by key hash: writes to one key are serialised, others run in parallel. */
final class KeyLocks {

    private final ReentrantLock[] stripes = new ReentrantLock[64];

    KeyLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    <T> T underLock(String container, String key, Supplier<T> action) {
        ReentrantLock lock = stripes[Math.floorMod((container + '/' + key).hashCode(), stripes.length)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
