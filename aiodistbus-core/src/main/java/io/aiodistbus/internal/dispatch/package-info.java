/**
 * Handler registration and dispatch shared by the local and the distributed bus. Internal: the
 * types here are public only so that the bus packages can share them; they are not API.
 */
package io.aiodistbus.internal.dispatch;
