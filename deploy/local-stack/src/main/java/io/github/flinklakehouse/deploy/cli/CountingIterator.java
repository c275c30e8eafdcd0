package io.github.flinklakehouse.deploy.cli;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

/** Passes elements through and counts them, so a progress line can report how many were sent. */
final class CountingIterator<T> implements Iterator<T> {
    private final Iterator<T> delegate;
    private final AtomicLong count;

    CountingIterator(Iterator<T> delegate, AtomicLong count) {
        this.delegate = delegate;
        this.count = count;
    }

    @Override
    public boolean hasNext() {
        return delegate.hasNext();
    }

    @Override
    public T next() {
        T next = delegate.next();
        count.incrementAndGet();
        return next;
    }
}
