package org.qaflow.web;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a printable page's template as PDF. Those templates are well-formed XHTML with no context-relative links,
 * because the PDF renderer parses XML and runs outside a web request. Their stylesheets are the pages' own
 * (/css/..., no inline styles, which the Content-Security-Policy refuses), read here from the classpath.
 */
@Component
public class PdfRenderer {

    private record Face(String family, int weight) {
    }

    /**
     * Tagged PDF (PDF/UA: structure, reading order, language, title) needs every font embedded, so the pages' fonts
     * travel in the jar (DejaVu, see fonts/LICENSE-DejaVu.txt) instead of the PDF's unembedded standard fonts.
     */
    private static final Map<String, Face> FONTS = Map.of(
            "DejaVuSerif.ttf", new Face("DejaVu Serif", 400), "DejaVuSerif-Bold.ttf", new Face("DejaVu Serif", 700),
            "DejaVuSans.ttf", new Face("DejaVu Sans", 400), "DejaVuSans-Bold.ttf", new Face("DejaVu Sans", 700));

    private static final Pattern STYLESHEET = Pattern.compile("(/css/[a-z-]+\\.css)$");

    private final SpringTemplateEngine templates;
    private final ApplicationContext beans;

    public PdfRenderer(SpringTemplateEngine templates, ApplicationContext beans) {
        this.templates = templates;
        this.beans = beans;
    }

    public byte[] render(String template, Map<String, Object> model) {
        Context context = new Context(Locale.UK);
        context.setVariables(model);
        context.setVariable("pdf", true);
        // Outside a web request templates still reach beans as they do on the page (@people.name(...)).
        context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(beans, null));
        String html = templates.process(template, context);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder().useFastMode().withHtmlContent(html, null)
                    .useUriResolver(PdfRenderer::stylesheet).usePdfUaAccessbility(true).withProducer("qaflow");
            FONTS.forEach((file, face) -> builder.useFont(() -> PdfRenderer.class.getResourceAsStream("/fonts/" + file),
                    face.family(), face.weight(), BaseRendererBuilder.FontStyle.NORMAL, true));
            builder.toStream(out).run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Our own stylesheets only: the renderer fetches nothing else (no file, no network). It asks twice, with the
     * link's href and then with the address this gave, so both are answered with the same classpath address.
     */
    private static String stylesheet(String base, String uri) {
        Matcher css = uri == null ? null : STYLESHEET.matcher(uri);
        if (css == null || !css.find()) {
            return null;
        }
        URL resolved = PdfRenderer.class.getResource("/static" + css.group(1));
        if (resolved == null) {
            return null;
        }
        String address = resolved.toExternalForm();
        return uri.equals(css.group(1)) || uri.equals(address) ? address : null;
    }
}
