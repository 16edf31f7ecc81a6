package org.qaflow.evidence;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The multipart limits follow the evidence file limit: a file up to qaflow.evidence.max-file-size, in a request up
 * to 1 MB more (the criteria fields and the part headers). Parts are written to a temporary file from the first byte
 * (threshold 0), never held in memory. Every other upload (CSV registrations, rule files) is still held to the 2 MB
 * of any request by web/RequestSizeLimit, which allows the same file limit plus 1 MB on the evidence upload paths only.
 */
@Configuration
public class EvidenceUploadLimits {

    /** Room in an upload request beyond the file itself. */
    public static final DataSize FRAMING = DataSize.ofMegabytes(1);

    @Bean
    MultipartConfigElement multipartConfigElement(@Value("${qaflow.evidence.max-file-size:50MB}") DataSize maxFile) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(maxFile);
        factory.setMaxRequestSize(DataSize.ofBytes(maxFile.toBytes() + FRAMING.toBytes()));
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        return factory.createMultipartConfig();
    }
}
