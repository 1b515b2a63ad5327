package io.aiodistbus.internal.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.aiodistbus.NoRespondersException;
import io.aiodistbus.ReplyHeaders;
import io.aiodistbus.RequestTimeoutException;
import io.aiodistbus.codec.PayloadCodec;
import io.aiodistbus.event.Event;
import io.aiodistbus.event.ReservedTopics;

/**
 * An entry point's requests that wait for their reply, by reply type. The first reply completes a
 * request, later ones find nothing and are ignored. Futures complete on the JDK's default
 * asynchronous executor, never on the thread that delivered the reply: a caller that blocks on one
 * then does not hold up the delivery of the next events (replies included).
 */
final class PendingRequests {

	private final Map<String, Pending<?>> pending = new ConcurrentHashMap<>();

	private final AtomicLong count = new AtomicLong();

	private final String prefix;

	private final PayloadCodec codec;

	/**
	 * @param ownerId the entry point's id, which every reply type of it holds
	 * @param codec converts reply payloads
	 */
	PendingRequests(String ownerId, PayloadCodec codec) {
		this.prefix = ReservedTopics.REPLY_PREFIX + ownerId + ".";
		this.codec = codec;
	}

	/** @return the prefix of every reply type of the entry point, as its subscription */
	String prefix() {
		return this.prefix;
	}

	/**
	 * Starts waiting for a reply under a new reply type.
	 * @param type the request's type, for messages
	 * @param replyClass the class the reply's payload is converted to
	 * @param timeout how long to wait
	 * @return the reply type and the future
	 */
	<R> Pending<R> start(String type, Class<R> replyClass, Duration timeout) {
		String replyType = this.prefix + this.count.incrementAndGet();
		Pending<R> request = new Pending<>(replyType, type, replyClass, new CompletableFuture<>());
		this.pending.put(replyType, request);
		CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
			if (this.pending.remove(replyType) != null) {
				request.future().completeExceptionally(new RequestTimeoutException(type, timeout));
			}
		});
		return request;
	}

	/**
	 * Completes a request with a failure before its reply could come, as when nobody subscribes.
	 * @param request the request
	 * @param error the failure
	 */
	void fail(Pending<?> request, Throwable error) {
		if (this.pending.remove(request.replyType()) != null) {
			request.future().completeExceptionally(error);
		}
	}

	/**
	 * @param type an event type
	 * @return whether it is a reply to one of this entry point's requests
	 */
	boolean isReply(String type) {
		return type.startsWith(this.prefix);
	}

	/**
	 * Completes the request the reply answers, if it still waits.
	 * @param reply a reply event
	 */
	void received(Event reply) {
		Pending<?> request = this.pending.remove(reply.type());
		if (request != null) {
			request.complete(reply, this.codec);
		}
	}

	/** A request waiting for its reply. */
	record Pending<R>(String replyType, String type, Class<R> replyClass, CompletableFuture<R> future) {

		void complete(Event reply, PayloadCodec codec) {
			if (ReplyHeaders.NO_RESPONDERS.equals(reply.headers().get(ReplyHeaders.STATUS))) {
				CompletableFuture.runAsync(() -> this.future.completeExceptionally(new NoRespondersException(this.type)));
				return;
			}
			// converted off the delivering thread, with the caller's continuation
			this.future.completeAsync(() -> codec.convert(reply, this.replyClass));
		}
	}
}
