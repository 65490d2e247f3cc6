/**
 * The model-registry client services use to serve the network an alias points at: it resolves
 * the alias, downloads and sha256-verifies the artifact into a local cache, hands the file to a
 * service-supplied {@link io.linewatch.common.registry.ModelLoader}, and hot-swaps when a
 * {@link io.linewatch.common.event.ModelEvent} says the alias moved (plus a periodic re-check in
 * case an event is missed). {@code common} stays free of DL4J: loading the network is the
 * loader's job, so the services that own DL4J implement it.
 */
package io.linewatch.common.registry;
