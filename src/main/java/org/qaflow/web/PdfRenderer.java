package org.qaflow.web;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a printable page's template as PDF. Those templates are well-formed XHTML with no context-relative links,
 * because the PDF renderer parses XML and runs outside a web request. Their stylesheets are the pages' own
 * (/css/..., no inline styles, which the Content-Security-Policy refuses), read here from the classpath.
 */
@Component
public class PdfRenderer {

    private final SpringTemplateEngine templates;

    public PdfRenderer(SpringTemplateEngine templates) {
        this.templates = templates;
    }

    public byte[] render(String template, Map<String, Object> model) {
        Context context = new Context(Locale.UK);
        context.setVariables(model);
        context.setVariable("pdf", true);
        String html = templates.process(template, context);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new PdfRendererBuilder().useFastMode().withHtmlContent(html, null).useUriResolver(PdfRenderer::stylesheet)
                    .toStream(out).run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Our own stylesheets only: the renderer fetches nothing else (no file, no network). */
    private static String stylesheet(String base, String uri) {
        if (uri == null || !uri.matches("/css/[a-z-]+\\.css")) {
            return null;
        }
        URL css = PdfRenderer.class.getResource("/static" + uri);
        return css == null ? null : css.toExternalForm();
    }
}
