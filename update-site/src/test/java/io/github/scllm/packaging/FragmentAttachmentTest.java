package io.github.scllm.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * The fragment in a real OSGi framework (Apache Felix): installed next to the bundle, it attaches, and the engine in
 * the bundle finds ONNX Runtime and the built-in model on its class path and embeds a text; without it, the engine
 * names the feature to install. KNIME's own bundles are not available here, so the bundle is installed with its
 * manifest minus {@code Require-Bundle: org.knime.core}; the engine classes touched never refer to KNIME.
 */
class FragmentAttachmentTest {

    private static final String LOCAL_MODELS = "io.github.scllm.core.embed.local.LocalModels";

    private final PackagedSite site = PackagedSite.load();

    @TempDir
    Path temp;

    @Test
    void withTheFragmentTheEngineInTheBundleEmbedsWithTheBuiltInModel() throws Exception {
        Framework osgi = start(true);
        try {
            Bundle host = host(osgi);
            assertEquals(List.of(PackagedSite.FRAGMENT_ID), attachedFragments(osgi),
                    "the fragment did not attach to " + PackagedSite.BUNDLE_ID);
            Class<?> localModels = host.loadClass(LOCAL_MODELS);
            assertEquals(Optional.empty(), localModels.getMethod("unavailableReason").invoke(null));
            Object model = localModels.getMethod("builtIn", int.class).invoke(null, 1);
            try {
                Class<?> cancel = host.loadClass("io.github.scllm.core.CancellationToken");
                Class<?> progress = host.loadClass("io.github.scllm.core.ProgressListener");
                Method embed = host.loadClass("io.github.scllm.core.embed.TextEmbedder")
                        .getMethod("embed", List.class, cancel, progress);
                float[][] vectors = (float[][]) embed.invoke(model, List.of("CD3E, T-cell surface glycoprotein"),
                        cancel.getField("NONE").get(null), progress.getField("NONE").get(null));
                assertEquals(384, vectors[0].length);
            } finally {
                ((AutoCloseable) model).close();
            }
        } finally {
            stop(osgi);
        }
    }

    @Test
    void withoutTheFragmentTheEngineNamesTheFeatureToInstall() throws Exception {
        Framework osgi = start(false);
        try {
            Class<?> localModels = host(osgi).loadClass(LOCAL_MODELS);
            Optional<?> reason = (Optional<?>) localModels.getMethod("unavailableReason").invoke(null);
            assertTrue(reason.isPresent() && reason.get().toString().contains("scLLM Local Embedding Model"),
                    () -> "unavailableReason() without the fragment: " + reason);
        } finally {
            stop(osgi);
        }
    }

    private Framework start(boolean withFragment) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, temp.resolve("osgi").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework osgi = new FrameworkFactory().newFramework(config);
        osgi.start();
        Path hostJar = temp.resolve("host.jar");
        Files.write(hostJar, withoutKnimeRequirement(site.bundle()));
        osgi.getBundleContext().installBundle(hostJar.toUri().toString());
        if (withFragment) {
            Path fragmentJar = temp.resolve("fragment.jar");
            Files.write(fragmentJar, site.entry(site.onlyJar("plugins", PackagedSite.FRAGMENT_ID)));
            osgi.getBundleContext().installBundle(fragmentJar.toUri().toString());
        }
        return osgi;
    }

    private static Bundle host(Framework osgi) throws Exception {
        for (Bundle b : osgi.getBundleContext().getBundles()) {
            if (PackagedSite.BUNDLE_ID.equals(b.getSymbolicName())) {
                b.start();
                assertEquals(Bundle.ACTIVE, b.getState(), "the bundle did not start");
                return b;
            }
        }
        throw new AssertionError("bundle " + PackagedSite.BUNDLE_ID + " is not installed");
    }

    private static List<String> attachedFragments(Framework osgi) {
        return Arrays.stream(osgi.getBundleContext().getBundles())
                .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) != null && b.getState() == Bundle.RESOLVED)
                .map(Bundle::getSymbolicName).toList();
    }

    private static void stop(Framework osgi) throws Exception {
        osgi.stop();
        osgi.waitForStop(30_000);
    }

    /** The bundle jar with Require-Bundle removed from its manifest, every other entry unchanged. */
    private static byte[] withoutKnimeRequirement(Map<String, byte[]> bundle) throws IOException {
        Manifest manifest = new Manifest(new ByteArrayInputStream(bundle.get("META-INF/MANIFEST.MF")));
        Attributes main = manifest.getMainAttributes();
        main.remove(new Attributes.Name(Constants.REQUIRE_BUNDLE));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> e : bundle.entrySet()) {
                if (e.getKey().equals("META-INF/MANIFEST.MF") || e.getKey().equals("META-INF/")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(e.getKey()));
                if (!e.getKey().endsWith("/")) {
                    out.write(e.getValue());
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
