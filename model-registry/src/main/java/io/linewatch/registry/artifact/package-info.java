/**
 * Where artifacts live: a content-addressed store (file name = sha256) behind
 * {@link io.linewatch.registry.artifact.ArtifactStore}. Uploads are staged, hashed, fsynced and
 * renamed into place inside the metadata transaction; the
 * {@link io.linewatch.registry.artifact.OrphanSweeper} removes what a crash between rename and
 * commit left behind.
 */
package io.linewatch.registry.artifact;
