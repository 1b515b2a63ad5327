/**
 * Handler registration and dispatch shared by the local and the distributed bus, and the accessor
 * through which the bridges and the broker reach a local bus. Internal: the types here are public only
 * so that the bus packages can share them; they are not API, and the architecture tests keep every
 * other module from using them.
 */
package io.aiodistbus.internal.dispatch;
