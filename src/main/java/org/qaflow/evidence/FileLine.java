package org.qaflow.evidence;

import java.util.Set;

/** An evidence file as the pages show it: name, size, type, SHA-256 (in full and its first 12 digits) and a link. */
public record FileLine(long id, String name, String size, String type, String sha256, String sha256Short,
                       Set<String> criteria, boolean frozen, String href) {

    static FileLine of(EvidenceFile f, long claimId, boolean frozen) {
        String sha = f.getSha256() == null ? "" : f.getSha256();
        return new FileLine(f.getId(), f.getName(), size(f.getSizeBytes()), f.getContentType(), sha,
                sha.length() > 12 ? sha.substring(0, 12) : sha, f.getCriteria(), frozen,
                "/claims/" + claimId + "/files/" + f.getId());
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
