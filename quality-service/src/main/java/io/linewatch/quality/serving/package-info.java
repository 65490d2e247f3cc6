/**
 * Which model inspects which product type: registry models followed by alias (hot-swapped on
 * promotion by the common registry client, each version checked against its contract before it
 * serves), or a local bundle file.
 */
package io.linewatch.quality.serving;
