package org.qaflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The default rules and sample data, packaged into the jar (under qaflow-defaults/) by the build, so that
 * {@code java -jar qaflow.jar} also starts outside the checkout, where ./rules and ./sample-data do not exist.
 */
@Component
public class BundledDefaults {

    private static final Logger log = LoggerFactory.getLogger(BundledDefaults.class);
    private static final String ROOT = "qaflow-defaults/";

    private Path extractedSampleData;

    /** The bundled copy of a top-level folder ("rules", "sample-data"): path relative to it, and content. */
    public Map<String, String> files(String folder) {
        String prefix = ROOT + folder + "/";
        Map<String, String> files = new TreeMap<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:" + prefix + "**")) {
                String url = r.getURL().toString();
                if (r.isReadable() && !url.endsWith("/")) {
                    files.put(url.substring(url.lastIndexOf(prefix) + prefix.length()),
                            r.getContentAsString(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("There is no " + folder + " bundled in this build (" + prefix + ")");
        }
        return files;
    }

    /**
     * The sample-data folder to load from: the configured one, or when it does not exist a copy of the bundled one
     * (in a temporary folder removed at exit: it is read only while an empty database is filled).
     */
    public synchronized Path sampleData(Path configured) {
        if (Files.isDirectory(configured)) {
            return configured;
        }
        if (extractedSampleData == null) {
            try {
                Path dir = Files.createTempDirectory("qaflow-sample-data-");
                for (Map.Entry<String, String> file : files("sample-data").entrySet()) {
                    Path target = dir.resolve(file.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                extractedSampleData = dir;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot unpack the bundled sample data: " + e.getMessage(), e);
            }
            log.info("No sample data at {}: using the sample data bundled with qaflow", configured.toAbsolutePath());
        }
        return extractedSampleData;
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Only a temporary copy: the system's temp cleaning will take it.
        }
    }
}
