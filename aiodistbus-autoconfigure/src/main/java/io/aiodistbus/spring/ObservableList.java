package io.aiodistbus.spring;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A view of a list that reports every change to it. {@link AbstractList} routes every mutation
 * (iterators, sub-lists, {@code clear}, {@code removeIf}) through the four methods overridden here.
 *
 * @param <E> the element type
 */
final class ObservableList<E> extends AbstractList<E> implements RandomAccess {

	private final List<E> delegate;

	private final Runnable changed;

	ObservableList(List<E> delegate, Runnable changed) {
		this.delegate = delegate;
		this.changed = changed;
	}

	@Override
	public E get(int index) {
		return this.delegate.get(index);
	}

	@Override
	public int size() {
		return this.delegate.size();
	}

	@Override
	public E set(int index, E element) {
		E previous = this.delegate.set(index, element);
		this.changed.run();
		return previous;
	}

	@Override
	public void add(int index, E element) {
		this.delegate.add(index, element);
		this.changed.run();
	}

	@Override
	public E remove(int index) {
		E removed = this.delegate.remove(index);
		this.changed.run();
		return removed;
	}
}
