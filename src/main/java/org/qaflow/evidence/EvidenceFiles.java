package org.qaflow.evidence;

import org.qaflow.catalogue.AssessmentCriterion;
import org.qaflow.catalogue.Unit;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimAccess;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.learner.ClaimUnitRepository;
import org.qaflow.learner.Timeline;
import org.qaflow.learner.UnitStatus;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.security.AppUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.*;

/**
 * Evidence files of a claim's units: stored, listed, streamed back, and frozen once the unit is signed off.
 * <p>
 * The bytes live in the database, in a table of chunks of at most 1 MB ({@code evidence_file_chunk}), rather than
 * on a disk of one node or in PostgreSQL large objects: every node on the one database sees every file, a backup of
 * the database is a backup of the evidence, and deleting a file's row deletes its bytes in the same transaction
 * (large objects outlive the rows that point at them unless unlinked, and H2 has no equivalent, so the same code and
 * tests serve both databases). Chunks keep memory bounded both ways: an upload is read, hashed and written 1 MB at a
 * time, and a download reads one chunk row at a time, whatever the file's size.
 */
@Service
@Transactional
public class EvidenceFiles {

    static final int CHUNK_BYTES = 1024 * 1024;

    private final EvidenceFileRepository files;
    private final ClaimUnitRepository claimUnits;
    private final UnitRepository units;
    private final ClaimAccess access;
    private final Timeline timeline;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final DataSize maxFileSize;

    public EvidenceFiles(EvidenceFileRepository files, ClaimUnitRepository claimUnits, UnitRepository units,
                         ClaimAccess access, Timeline timeline, JdbcTemplate jdbc, Clock clock,
                         @Value("${qaflow.evidence.max-file-size:50MB}") DataSize maxFileSize) {
        this.files = files;
        this.claimUnits = claimUnits;
        this.units = units;
        this.access = access;
        this.timeline = timeline;
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFileSize = maxFileSize;
    }

    public DataSize maxFileSize() {
        return maxFileSize;
    }

    /**
     * Stores the file for the unit's assessor, mapped to the given criteria (keys, or numbers that name one criterion
     * of the unit), streaming it into chunks while hashing it; the timeline records who, when and the SHA-256.
     */
    public EvidenceFile upload(long claimId, String unitRef, String name, InputStream content, List<String> criteria,
                               AppUser user) throws IOException {
        ClaimUnit claimUnit = unitOf(access.claim(claimId), unitRef);
        Claim claim = claimUnit.getClaim();
        if (!user.getUsername().equals(claim.getAssessor().getUsername())) {
            throw new AccessDeniedException("Only the learner's assigned assessor may add evidence to claim " + claimId);
        }
        if (!open(claimUnit)) {
            throw new ConflictException(claimUnit.getUnitRef() + " of claim " + claimId + " was signed off on "
                    + claimUnit.getSignedOffAt() + "; its evidence is frozen and no file can be added");
        }
        Set<String> keys = criterionKeys(units.findById(claimUnit.getUnitRef()).orElseThrow(), criteria);
        String cleanName = cleanName(name);
        EvidenceFile file = files.saveAndFlush(new EvidenceFile(claimUnit.getId(), cleanName, keys,
                user.getUsername(), Instant.now(clock)));
        store(file, content);
        timeline.record(claim, claimUnit.getUnitRef(), user.getUsername(), "evidence file uploaded",
                cleanName + " (" + file.getSizeBytes() + " bytes, " + file.getContentType() + ", SHA-256 "
                        + file.getSha256() + ") for criteria " + String.join(", ", keys), null);
        return file;
    }

    /**
     * Streams the content into the saved file's chunks while hashing it and sniffing its type; over the size limit
     * is a 413 and an empty file a 400 (the caller's transaction then removes what was written).
     */
    void store(EvidenceFile file, InputStream content) throws IOException {
        MessageDigest sha256 = sha256();
        long size = 0;
        String type = EvidenceTypes.UNKNOWN;
        byte[] buffer = new byte[CHUNK_BYTES];
        try (InputStream in = new DigestInputStream(content, sha256)) {
            for (int seq = 0; ; seq++) {
                int n = in.readNBytes(buffer, 0, buffer.length);
                if (n == 0) {
                    break;
                }
                size += n;
                if (size > maxFileSize.toBytes()) {
                    throw new MaxUploadSizeExceededException(maxFileSize.toBytes());
                }
                if (seq == 0) {
                    type = EvidenceTypes.sniff(buffer, Math.min(n, EvidenceTypes.SNIFF_BYTES));
                }
                jdbc.update("insert into evidence_file_chunk (file_id, seq, data) values (?, ?, ?)", file.getId(), seq,
                        n == buffer.length ? buffer : Arrays.copyOf(buffer, n));
            }
        }
        if (size == 0) {
            throw new BadRequestException("file: " + file.getName() + " is empty; choose the file with the evidence");
        }
        String hex = HexFormat.of().formatHex(sha256.digest());
        file.stored(size, hex, type);
    }

    @Transactional(readOnly = true)
    public List<EvidenceFile> list(long claimId, String unitRef) {
        return filesOf(unitOf(access.claim(claimId), unitRef));
    }

    /** The unit's files, for pages that have checked access to the claim already. */
    @Transactional(readOnly = true)
    public List<EvidenceFile> filesOf(ClaimUnit claimUnit) {
        return files.findByClaimUnitIdOrderById(claimUnit.getId());
    }

    /** The unit's files as the pages show them. */
    @Transactional(readOnly = true)
    public List<FileLine> lines(ClaimUnit claimUnit) {
        return filesOf(claimUnit).stream()
                .map(f -> FileLine.of(f, claimUnit.getClaim().getId(), frozen(f, claimUnit))).toList();
    }

    /** The file, if the current user may see its claim: 404 when there is none, 403 as for the claim. */
    @Transactional(readOnly = true)
    public EvidenceFile file(long fileId) {
        // A CPD entry's file is no claim's evidence: it is served only under its staff member (CpdFileController).
        EvidenceFile file = files.findById(fileId).filter(f -> f.getClaimUnitId() != null)
                .orElseThrow(() -> new NotFoundException("There is no evidence file " + fileId));
        access.claim(claimUnits.findById(file.getClaimUnitId()).orElseThrow().getClaim().getId());
        return file;
    }

    @Transactional(readOnly = true)
    public Long claimOf(EvidenceFile file) {
        return claimUnits.findById(file.getClaimUnitId()).orElseThrow().getClaim().getId();
    }

    /** Writes the file's bytes, one chunk read at a time (each its own short read: no transaction held open). */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public void copy(EvidenceFile file, OutputStream out) throws IOException {
        for (int seq = 0; ; seq++) {
            List<byte[]> chunk = jdbc.query("select data from evidence_file_chunk where file_id = ? and seq = ?",
                    (rs, i) -> rs.getBytes(1), file.getId(), seq);
            if (chunk.isEmpty()) {
                return;
            }
            out.write(chunk.get(0));
        }
    }

    /** Removes a file added since the unit's last sign-off; one that was there at a sign-off is frozen (409). */
    public void delete(long fileId, AppUser user) {
        EvidenceFile file = file(fileId);
        ClaimUnit claimUnit = claimUnits.findById(file.getClaimUnitId()).orElseThrow();
        Claim claim = claimUnit.getClaim();
        if (!user.getUsername().equals(claim.getAssessor().getUsername())) {
            throw new AccessDeniedException("Only the learner's assigned assessor may remove evidence of claim "
                    + claim.getId());
        }
        if (frozen(file, claimUnit)) {
            throw new ConflictException("Evidence file " + fileId + " (" + file.getName() + ") was part of the "
                    + claimUnit.getUnitRef() + " sign-off on " + claimUnit.getSignedOffAt()
                    + "; it is frozen and cannot be removed or replaced");
        }
        files.delete(file);
        timeline.record(claim, claimUnit.getUnitRef(), user.getUsername(), "evidence file removed",
                file.getName() + " (SHA-256 " + file.getSha256() + ")", null);
    }

    /** Whether the file was there when its unit was signed off, so that it may no longer change. */
    public static boolean frozen(EvidenceFile file, ClaimUnit claimUnit) {
        return claimUnit.getSignedOffAt() != null && !file.getUploadedAt().isAfter(claimUnit.getSignedOffAt());
    }

    /** Files may be added while the unit is with the assessor: before sign-off, or referred back. */
    private static boolean open(ClaimUnit claimUnit) {
        return claimUnit.getSignedOffAt() == null || claimUnit.getStatus() == UnitStatus.REFERRED_BACK;
    }

    private static ClaimUnit unitOf(Claim claim, String unitRef) {
        return claim.unit(unitRef).orElseThrow(() -> new NotFoundException("Claim " + claim.getId() + " has no unit "
                + unitRef + "; its units are " + claim.getUnits().stream().map(ClaimUnit::getUnitRef).toList()));
    }

    /** Each given criterion by key, or by a number that names one criterion of the unit; any other is refused. */
    private static Set<String> criterionKeys(Unit unit, List<String> given) {
        if (given == null || given.stream().allMatch(c -> c == null || c.isBlank())) {
            throw new BadRequestException("criteria: name at least one assessment criterion of " + unit.getRef()
                    + " this file is evidence for, e.g. 1.1");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (String raw : given) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String c = raw.trim();
            List<AssessmentCriterion> all = unit.getCriteria();
            Optional<AssessmentCriterion> byKey = all.stream().filter(a -> a.getKey().equals(c)).findFirst();
            List<AssessmentCriterion> byNumber = all.stream().filter(a -> a.getNumber().equals(c)).toList();
            if (byKey.isPresent()) {
                keys.add(byKey.get().getKey());
            } else if (byNumber.size() == 1) {
                keys.add(byNumber.get(0).getKey());
            } else if (byNumber.isEmpty()) {
                throw new BadRequestException("criteria: " + unit.getRef() + " has no assessment criterion '"
                        + (c.length() > 20 ? c.substring(0, 20) + "..." : c) + "'; its criteria are "
                        + all.stream().map(AssessmentCriterion::getKey).toList());
            } else {
                throw new BadRequestException("criteria: " + unit.getRef() + " has " + byNumber.size()
                        + " criteria numbered " + c + "; name one by its key: "
                        + byNumber.stream().map(AssessmentCriterion::getKey).toList());
            }
        }
        return keys;
    }

    /** The name without any folder the browser sent, control characters or excess length. */
    static String cleanName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (base.isEmpty()) {
            base = "evidence";
        }
        return base.length() > 200 ? base.substring(0, 200) : base;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
