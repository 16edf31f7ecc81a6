package org.qaflow.evidence;

import org.qaflow.centre.CpdActivity;
import org.qaflow.problem.NotFoundException;
import org.qaflow.staff.CpdFileStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * CPD entries' certificate files, kept as evidence files are (chunks, SHA-256, sniffed type), one per entry. Access is
 * checked by StaffAdministration before anything here is called.
 */
@Service
@Transactional
public class CpdFiles implements CpdFileStore {

    private final EvidenceFileRepository files;
    private final EvidenceFiles store;
    private final Clock clock;

    public CpdFiles(EvidenceFileRepository files, EvidenceFiles store, Clock clock) {
        this.files = files;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public CpdFile attach(CpdActivity entry, String username, String name, InputStream content) throws IOException {
        files.findByCpdId(entry.getId()).ifPresent(old -> {
            files.delete(old);
            // The new row may take the entry's one place only once the old one is gone.
            files.flush();
        });
        EvidenceFile file = files.saveAndFlush(EvidenceFile.ofCpd(entry.getId(), EvidenceFiles.cleanName(name),
                username, Instant.now(clock)));
        store.store(file, content);
        return view(username, file);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, CpdFile> filesOf(String username, Collection<CpdActivity> entries) {
        if (entries.isEmpty()) {
            return Map.of();
        }
        return files.findByCpdIdIn(entries.stream().map(CpdActivity::getId).toList()).stream()
                .collect(Collectors.toMap(EvidenceFile::getCpdId, f -> view(username, f)));
    }

    /** The entry's stored file, for a caller that has checked access to the entry: 404 when it has none. */
    @Transactional(readOnly = true)
    public EvidenceFile fileOf(CpdActivity entry) {
        return files.findByCpdId(entry.getId()).orElseThrow(() -> new NotFoundException("The CPD entry "
                + entry.getId() + " of " + entry.getActivityDate() + " has no file"));
    }

    private static CpdFile view(String username, EvidenceFile f) {
        return new CpdFile(f.getId(), f.getName(), f.getSizeBytes(), f.getSha256(), f.getContentType(),
                "/api/staff/" + username + "/cpd/" + f.getCpdId() + "/file");
    }
}
