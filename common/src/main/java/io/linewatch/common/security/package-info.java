/**
 * API-key security shared by every service: keys are random, shown once, stored as SHA-256
 * hashes in the {@code lw_security} schema (shared by all services of a plant so one key works
 * everywhere), and carry roles. Every endpoint except health needs a key; 401 means "who are
 * you?", 403 means "you may not".
 */
package io.linewatch.common.security;
