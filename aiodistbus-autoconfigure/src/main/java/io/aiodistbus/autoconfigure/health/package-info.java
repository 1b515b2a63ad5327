/**
 * Auto-configuration of the {@code aiodistbus} health indicator.
 */
package io.aiodistbus.autoconfigure.health;
