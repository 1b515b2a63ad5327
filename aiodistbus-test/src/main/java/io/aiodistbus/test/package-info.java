/**
 * Test support for applications on the bus.
 */
package io.aiodistbus.test;
