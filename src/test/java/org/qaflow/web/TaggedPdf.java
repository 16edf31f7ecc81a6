package org.qaflow.web;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureNode;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What makes a PDF readable by assistive technology, checked with PDFBox on the bytes the server sent. */
final class TaggedPdf {

    private TaggedPdf() {
    }

    /** Marked and structured (tags in reading order), in English, titled, fonts embedded; returns its text. */
    static String assertTagged(byte[] pdf, String titleContains) throws IOException {
        try (PDDocument document = PDDocument.load(pdf)) {
            var catalog = document.getDocumentCatalog();
            assertThat(catalog.getMarkInfo()).as("MarkInfo").isNotNull();
            assertThat(catalog.getMarkInfo().isMarked()).as("marked as tagged").isTrue();
            assertThat(catalog.getLanguage()).as("document language").isEqualTo("en");
            assertThat(document.getDocumentInformation().getTitle()).as("title").contains(titleContains);
            assertThat(catalog.getViewerPreferences().displayDocTitle()).as("viewers show the title").isTrue();
            assertThat(catalog.getStructureTreeRoot()).as("structure tree").isNotNull();
            List<String> tags = new ArrayList<>();
            collect(catalog.getStructureTreeRoot(), tags);
            assertThat(tags).as("structure tags").contains("H1", "P", "Table", "TR", "TH", "TD");
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as("font " + font.getName() + " embedded").isTrue();
                }
            }
            return new PDFTextStripper().getText(document);
        }
    }

    private static void collect(PDStructureNode node, List<String> tags) {
        for (Object kid : node.getKids()) {
            if (kid instanceof PDStructureElement element) {
                tags.add(element.getStructureType());
                collect(element, tags);
            }
        }
    }
}
