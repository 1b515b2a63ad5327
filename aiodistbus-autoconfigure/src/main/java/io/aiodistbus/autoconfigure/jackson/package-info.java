/**
 * Auto-configuration that lets the bus write payload classes with the application's Jackson 3
 * {@code JsonMapper}.
 */
package io.aiodistbus.autoconfigure.jackson;
