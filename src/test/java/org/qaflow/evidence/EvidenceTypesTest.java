package org.qaflow.evidence;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Types are told from the bytes (magic numbers), and only evidence formats are ever served as themselves. */
class EvidenceTypesTest {

    private static String sniff(byte[] bytes) {
        return EvidenceTypes.sniff(bytes, bytes.length);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] zip(String... names) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(ascii("<x/>"));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void evidenceFormatsAreToldFromTheirFirstBytes() throws Exception {
        assertThat(sniff(ascii("%PDF-1.7\n"))).isEqualTo("application/pdf");
        assertThat(sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0))).isEqualTo("image/png");
        assertThat(sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0))).isEqualTo("image/jpeg");
        assertThat(sniff(ascii("GIF89a...."))).isEqualTo("image/gif");
        assertThat(sniff(ascii("RIFF\0\0\0\0WEBPVP8 "))).isEqualTo("image/webp");
        assertThat(sniff(ascii("RIFF\0\0\0\0WAVEfmt "))).isEqualTo("audio/wav");
        assertThat(sniff(ascii("ID3\u0004\0\0\0\0"))).isEqualTo("audio/mpeg");
        assertThat(sniff(bytes(0xFF, 0xFB, 0x90, 0x64))).isEqualTo("audio/mpeg");
        assertThat(sniff(ascii("\0\0\0\u0018ftypmp42"))).isEqualTo("video/mp4");
        assertThat(sniff(ascii("\0\0\0\u0014ftypqt  "))).isEqualTo("video/quicktime");
        assertThat(sniff(ascii("OggS\0\u0002"))).isEqualTo("audio/ogg");
        assertThat(sniff(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0))).isEqualTo("application/x-ole-storage");
        assertThat(sniff(zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")))
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(sniff(zip("[Content_Types].xml", "xl/workbook.xml")))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(sniff(zip("notes.txt"))).isEqualTo("application/zip");
    }

    @Test
    void markupIsRecognisedWhateverTheNameAndNeverServedAsItself() {
        for (String page : new String[]{"<!DOCTYPE html><p>x", "  <html><body>", "<script>alert(1)</script>",
                "\u00ef\u00bb\u00bf<HTML>"}) {
            assertThat(sniff(ascii(page))).as(page).isEqualTo("text/html");
        }
        assertThat(EvidenceTypes.served("text/html")).isEqualTo("application/octet-stream");
        assertThat(sniff(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")))
                .isEqualTo("image/svg+xml");
        assertThat(EvidenceTypes.served("image/svg+xml")).isEqualTo("application/octet-stream");
        assertThat(sniff(ascii("just some text"))).isEqualTo("application/octet-stream");
        assertThat(EvidenceTypes.served("application/pdf")).isEqualTo("application/pdf");
        assertThat(EvidenceTypes.served("image/png")).isEqualTo("image/png");
    }
}
