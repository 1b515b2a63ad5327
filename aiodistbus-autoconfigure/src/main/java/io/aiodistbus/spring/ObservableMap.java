package io.aiodistbus.spring;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A view of a map that reports every change to it. {@link AbstractMap} and {@link Map}'s default
 * methods route every mutation through {@code put}, {@code remove} and the entry set, which are
 * overridden here.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class ObservableMap<K, V> extends AbstractMap<K, V> {

	private final Map<K, V> delegate;

	private final Runnable changed;

	ObservableMap(Map<K, V> delegate, Runnable changed) {
		this.delegate = delegate;
		this.changed = changed;
	}

	@Override
	public V get(Object key) {
		return this.delegate.get(key);
	}

	@Override
	public boolean containsKey(Object key) {
		return this.delegate.containsKey(key);
	}

	@Override
	public V put(K key, V value) {
		V previous = this.delegate.put(key, value);
		this.changed.run();
		return previous;
	}

	@Override
	public V remove(Object key) {
		boolean present = this.delegate.containsKey(key);
		V previous = this.delegate.remove(key);
		if (present) {
			this.changed.run();
		}
		return previous;
	}

	@Override
	public Set<Entry<K, V>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<K, V>> iterator() {
				Iterator<Entry<K, V>> entries = ObservableMap.this.delegate.entrySet().iterator();
				return new Iterator<>() {

					@Override
					public boolean hasNext() {
						return entries.hasNext();
					}

					@Override
					public Entry<K, V> next() {
						Entry<K, V> entry = entries.next();
						return new SimpleEntry<>(entry) {

							@Override
							public V setValue(V value) {
								super.setValue(value);
								V previous = entry.setValue(value);
								ObservableMap.this.changed.run();
								return previous;
							}

						};
					}

					@Override
					public void remove() {
						entries.remove();
						ObservableMap.this.changed.run();
					}

				};
			}

			@Override
			public int size() {
				return ObservableMap.this.delegate.size();
			}

		};
	}
}
