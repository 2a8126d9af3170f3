/**
 * Checks on what users actually install: the zipped p2 update site built by this module, the feature jar and the
 * OSGi bundle inside it, and the libraries embedded in the bundle.
 *
 * <p>The checks run after the zip exists (Failsafe, phase {@code integration-test}). They read the zip named by the
 * system property {@code scllm.updatesite.zip} and compare versions with {@code scllm.osgi.version}.
 */
package io.github.scllm.packaging;
