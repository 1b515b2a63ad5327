/**
 * Auto-configuration of the application's bus, in 'local', 'broker' or 'client' mode.
 */
package io.aiodistbus.autoconfigure;
