package org.qaflow.staff;

import org.qaflow.centre.CpdActivity;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;

/**
 * Where a CPD entry's certificate file is kept: the evidence file store, which sits above staff in the package layers,
 * so staff reaches it through this interface (implemented in evidence) rather than depending on it.
 */
public interface CpdFileStore {

    /** A stored file as the API and pages show it; href downloads it. */
    record CpdFile(long id, String name, long size, String sha256, String contentType, String href) {
        public String sha256Short() {
            return sha256 == null || sha256.length() <= 12 ? sha256 : sha256.substring(0, 12);
        }
    }

    /** Stores the file for the entry, replacing any it had; streamed, hashed and type-sniffed as evidence is. */
    CpdFile attach(CpdActivity entry, String username, String name, InputStream content) throws IOException;

    /** The files of these entries, by entry id; entries without a file are absent. */
    Map<Long, CpdFile> filesOf(String username, Collection<CpdActivity> entries);
}
