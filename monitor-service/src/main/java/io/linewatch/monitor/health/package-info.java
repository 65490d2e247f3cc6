/** Per-machine health: turning a stream of scores into OK / WARNING / ALARM with debouncing and hysteresis. */
package io.linewatch.monitor.health;
