package org.qaflow.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * What a file is, told from its first bytes (magic numbers), never from the name or the type the client sent: a
 * page renamed .pdf is still a page. Only the types on the allow-list are ever served as themselves; anything else
 * goes out as application/octet-stream, so no upload can become HTML or script in someone's browser.
 */
public final class EvidenceTypes {

    public static final String UNKNOWN = "application/octet-stream";
    public static final String HTML = "text/html";
    /** How many leading bytes sniffing looks at (a ZIP's first entry names are within them). */
    static final int SNIFF_BYTES = 64 * 1024;

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    private static final String ODT = "application/vnd.oasis.opendocument.text";
    private static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";
    private static final String ODP = "application/vnd.oasis.opendocument.presentation";
    private static final String OLE_OFFICE = "application/x-ole-storage";

    /** Served with their own type (still as attachments): evidence formats a browser does not run. */
    private static final Set<String> SERVED_AS_IS = Set.of("application/pdf", "image/png", "image/jpeg", "image/gif",
            "image/webp", "audio/mpeg", "audio/wav", "audio/ogg", "audio/flac", "audio/mp4", "video/mp4",
            "video/quicktime", "video/webm", "video/x-msvideo", "application/zip", DOCX, XLSX, PPTX, ODT, ODS, ODP,
            OLE_OFFICE);

    private EvidenceTypes() {
    }

    /** The type the first bytes show (n of them are valid), or application/octet-stream. */
    public static String sniff(byte[] head, int n) {
        byte[] b = Arrays.copyOf(head, Math.min(n, head.length));
        if (starts(b, 0, "%PDF-")) return "application/pdf";
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return "image/png";
        if (starts(b, 0, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
        if (starts(b, 0, "GIF87a") || starts(b, 0, "GIF89a")) return "image/gif";
        if (starts(b, 0, "RIFF") && starts(b, 8, "WEBP")) return "image/webp";
        if (starts(b, 0, "RIFF") && starts(b, 8, "WAVE")) return "audio/wav";
        if (starts(b, 0, "RIFF") && starts(b, 8, "AVI ")) return "video/x-msvideo";
        if (starts(b, 0, "OggS")) return "audio/ogg";
        if (starts(b, 0, "fLaC")) return "audio/flac";
        if (starts(b, 0, "ID3") || (b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE6) == 0xE2)) {
            return "audio/mpeg";
        }
        if (starts(b, 4, "ftyp")) {
            if (starts(b, 8, "qt  ")) return "video/quicktime";
            if (starts(b, 8, "M4A ")) return "audio/mp4";
            return "video/mp4";
        }
        if (starts(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) return "video/webm";
        if (starts(b, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) return OLE_OFFICE;
        if (starts(b, 0, 'P', 'K', 3, 4)) return zip(b);
        if (looksLikeHtml(b)) return HTML;
        if (startsText(b, "<svg")) return "image/svg+xml";
        if (startsText(b, "<?xml")) return "application/xml";
        return UNKNOWN;
    }

    /** The Content-Type a download carries: the sniffed type when on the allow-list, else octet-stream. */
    public static String served(String sniffed) {
        return SERVED_AS_IS.contains(sniffed) ? sniffed : UNKNOWN;
    }

    /** Office Open XML and OpenDocument files are ZIPs; their first entries say which. */
    private static String zip(byte[] b) {
        String names = new String(b, StandardCharsets.ISO_8859_1);
        if (names.startsWith("mimetype", 30)) {
            if (names.startsWith(ODT, 38)) return ODT;
            if (names.startsWith(ODS, 38)) return ODS;
            if (names.startsWith(ODP, 38)) return ODP;
        }
        if (names.contains("word/")) return DOCX;
        if (names.contains("xl/")) return XLSX;
        if (names.contains("ppt/")) return PPTX;
        return "application/zip";
    }

    /** Markup a browser would render as a page: stored as such, so the IQA sees what it really is. */
    private static boolean looksLikeHtml(byte[] b) {
        String text = leadingText(b);
        return text.startsWith("<!doctype html") || text.startsWith("<html") || text.startsWith("<head")
                || text.startsWith("<body") || text.startsWith("<script") || text.startsWith("<iframe")
                || text.startsWith("<!--");
    }

    private static boolean startsText(byte[] b, String prefix) {
        return leadingText(b).startsWith(prefix);
    }

    /** The first KB as lower-case text, without leading white space or a UTF-8 byte order mark. */
    private static String leadingText(byte[] b) {
        String text = new String(b, 0, Math.min(b.length, 1024), StandardCharsets.ISO_8859_1).stripLeading()
                .toLowerCase(Locale.ROOT);
        return text.startsWith("\u00ef\u00bb\u00bf") ? text.substring(3).stripLeading() : text;
    }

    private static boolean starts(byte[] b, int at, String ascii) {
        return starts(b, at, ascii.chars().toArray());
    }

    private static boolean starts(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
