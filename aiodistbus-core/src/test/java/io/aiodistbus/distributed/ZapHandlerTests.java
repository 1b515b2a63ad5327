package io.aiodistbus.distributed;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ZAP handler answered on the test's thread, as the broker's I/O thread does: each refusal is
 * answered and counted, but a client retrying fast gets only a burst of log lines.
 */
class ZapHandlerTests {

	private final ZContext context = new ZContext(1);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger logger = (Logger) LoggerFactory.getLogger(ZapHandlerTests.class);

	@AfterEach
	void close() {
		this.logger.detachAppender(this.appender);
		this.context.close();
	}

	@Test
	void refusalsAreAllAnsweredAndCountedButLoggedOnlyInABurst() {
		this.appender.start();
		this.logger.addAppender(this.appender);
		CurveKeyPair brokerKeys = CurveKeyPair.generate();
		ZapHandler zap = new ZapHandler(this.context, BrokerSecurity.curve(brokerKeys, CurveKeyPair.generate().publicKey()),
				this.logger, "Broker test");
		ZMQ.Socket asker = this.context.createSocket(SocketType.REQ);
		asker.setLinger(0);
		asker.connect(ZapHandler.ENDPOINT);
		byte[] stranger = ZMQ.Curve.z85Decode(CurveKeyPair.generate().publicKey());

		for (int i = 0; i < 25; i++) {
			ZMsg request = new ZMsg();
			request.add("1.0");
			request.add("request-" + i);
			request.add("");
			request.add("127.0.0.1");
			request.add("");
			request.add("CURVE");
			request.add(stranger);
			request.send(asker);
			ZMsg reply;
			while ((reply = ZMsg.recvMsg(asker, ZMQ.DONTWAIT)) == null) {
				zap.answerAll();
			}
			assertThat(reply).extracting((frame) -> frame.getString(StandardCharsets.UTF_8))
				.containsExactly("1.0", "request-" + i, "400", "Not allowed", "", "");
			reply.destroy();
		}

		assertThat(zap.refused()).isEqualTo(25);
		assertThat(this.appender.list).hasSize(20)
			.allSatisfy((line) -> assertThat(line.getFormattedMessage())
				.startsWith("Broker test: refused a connection from 127.0.0.1: client public key ")
				.endsWith(" is not in the allow-list"));
	}
}
