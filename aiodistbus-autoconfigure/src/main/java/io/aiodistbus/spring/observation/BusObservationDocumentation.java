package io.aiodistbus.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The bus's observations and their keys.
 */
public enum BusObservationDocumentation implements ObservationDocumentation {

	/** An emit, from the call to the hand-over (on the local bus: until the handlers ran). */
	EMIT {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultEmitObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.SYSTEM, Keys.DESTINATION };
		}
	},

	/** One call of a handler (one attempt, for a handler that is retried), its stage included. */
	HANDLE {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultHandleObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.SYSTEM, Keys.DESTINATION, Keys.HANDLER };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { Keys.MESSAGE_ID };
		}
	};

	/** The keys of the bus's observations. */
	public enum Keys implements KeyName {

		/** The messaging system: {@code aiodistbus}. */
		SYSTEM {
			@Override
			public String asString() {
				return "messaging.system";
			}
		},

		/** The event type. */
		DESTINATION {
			@Override
			public String asString() {
				return "messaging.destination.name";
			}
		},

		/** The handler, as logs name it. */
		HANDLER {
			@Override
			public String asString() {
				return "aiodistbus.handler";
			}
		},

		/** The event id. */
		MESSAGE_ID {
			@Override
			public String asString() {
				return "messaging.message.id";
			}
		}
	}
}
