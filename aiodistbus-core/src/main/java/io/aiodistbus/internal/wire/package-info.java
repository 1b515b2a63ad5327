/**
 * The Python aiodistbus wire format: three frames per event (topic, event JSON, CRC-32), their
 * encoding, checked decoding and the fast JSON reader. Internal: a decoding failure reaches users only
 * as a counted {@link io.aiodistbus.DropReason}.
 */
package io.aiodistbus.internal.wire;
