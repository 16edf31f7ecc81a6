package org.qaflow.staff;

import org.qaflow.centre.AdminLog;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreAccess;
import org.qaflow.centre.CentreRepository;
import org.qaflow.centre.CpdActivity;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.centre.StaffRole;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.facts.RecognisedQualification;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.security.Role;
import org.qaflow.security.TemporaryPasswords;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * A centre's assessors and IQAs, kept by its provider (or a quality manager): who they are, the qualifications,
 * competence and CPD their eligibility is judged on, and whether they still work there. Every change is audited.
 */
@Service
@Transactional
public class StaffAdministration {

    private final CentreRepository centres;
    private final StaffRepository staff;
    private final AppUserRepository users;
    private final CentreAccess access;
    private final PasswordEncoder passwords;
    private final RuleEngine rules;
    private final AdminLog log;
    private final CpdFileStore cpdFiles;

    public StaffAdministration(CentreRepository centres, StaffRepository staff, AppUserRepository users,
                               CentreAccess access, PasswordEncoder passwords, RuleEngine rules, AdminLog log,
                               CpdFileStore cpdFiles) {
        this.centres = centres;
        this.staff = staff;
        this.users = users;
        this.access = access;
        this.passwords = passwords;
        this.rules = rules;
        this.log = log;
        this.cpdFiles = cpdFiles;
    }

    /** A file sent with a CPD entry: its name as the browser gave it, and its bytes. */
    public record Upload(String name, InputStream content) {
    }

    public record NewStaff(String username, String name, StaffRole role, int occupationalCompetenceLevel,
                           boolean salesLeadershipCompetence, String competenceEvidence) {
    }

    /** The staff member and the one-time password they log in with first (shown once, stored only as a hash). */
    public record Added(StaffMember member, String temporaryPassword) {
    }

    public Added add(String centreCode, NewStaff n, AppUser by) {
        Centre centre = centres.findByCode(centreCode)
                .orElseThrow(() -> new NotFoundException("There is no centre " + centreCode));
        checkManages(by, centre);
        if (users.existsById(n.username()) || staff.findByUsername(n.username()).isPresent()) {
            throw new ConflictException("username: '" + n.username() + "' is taken; choose another");
        }
        StaffMember member = new StaffMember(centre, n.username(), n.name().trim(), n.role(),
                n.occupationalCompetenceLevel(), n.salesLeadershipCompetence());
        member.setCompetenceEvidence(n.competenceEvidence() == null ? null : n.competenceEvidence().trim());
        staff.save(member);
        String password = TemporaryPasswords.next();
        users.save(new AppUser(n.username(), passwords.encode(password), Role.valueOf(n.role().name()),
                n.name().trim(), centre.getId()));
        log.record(by, centre, n.username(), "staff added", n.name().trim() + " as " + n.role()
                + ", occupational competence level " + n.occupationalCompetenceLevel()
                + (n.salesLeadershipCompetence() ? ", sales leadership competence" : ""));
        return new Added(member, password);
    }

    @Transactional(readOnly = true)
    public StaffMember visible(String username, AppUser by) {
        StaffMember member = find(username);
        access.check(by, member.getCentre(), "Staff member " + username);
        return member;
    }

    @Transactional(readOnly = true)
    public List<StaffMember> ofCentre(String centreCode, AppUser by) {
        Centre centre = centres.findByCode(centreCode)
                .orElseThrow(() -> new NotFoundException("There is no centre " + centreCode));
        access.check(by, centre, "Centre " + centreCode);
        return staff.findByCentreIdOrderByName(centre.getId());
    }

    public StaffMember recordQualification(String username, String code, StaffMember.QualificationStatus status,
                                           LocalDate since, AppUser by) {
        StaffMember member = managed(username, by);
        TreeSet<String> known = new TreeSet<>();
        for (RecognisedQualification q : rules.active().recognisedQualifications()) {
            if (q.getRole().equals(member.getRole().name())) {
                known.addAll(q.allCodes());
            }
        }
        if (!known.contains(code)) {
            throw new BadRequestException("code: " + code + " is not a qualification the rules recognise for an "
                    + member.getRole() + "; known: " + String.join(", ", known));
        }
        member.recordQualification(code, status, since);
        log.record(by, member.getCentre(), username, "qualification recorded", code + " "
                + switch (status) {
                    case HELD -> "held since ";
                    case WORKING_TOWARDS -> "working towards since ";
                    case ABANDONED -> "abandoned on ";
                } + since);
        return member;
    }

    /** Records the entry and, when one is sent, its certificate file, in one transaction: both or neither. */
    @Transactional(rollbackFor = IOException.class)
    public StaffMember recordCpd(String username, LocalDate date, BigDecimal hours, boolean salesRelated,
                                 String description, Upload file, AppUser by) throws IOException {
        StaffMember member = managed(username, by);
        CpdActivity entry = member.addCpd(date, hours, salesRelated, description.trim());
        log.record(by, member.getCentre(), username, "CPD recorded", hours.stripTrailingZeros().toPlainString()
                + " hours" + (salesRelated ? " sales-related" : "") + " on " + date + ": " + description.trim());
        if (file != null) {
            staff.flush();
            attach(member, entry, file, by);
        }
        return member;
    }

    /** Attaches (or replaces) the certificate file of one CPD entry; the provider or a quality manager does. */
    @Transactional(rollbackFor = IOException.class)
    public CpdFileStore.CpdFile attachCpdFile(String username, long cpdId, Upload file, AppUser by)
            throws IOException {
        StaffMember member = managed(username, by);
        return attach(member, entry(member, cpdId), file, by);
    }

    /**
     * The CPD entry whose file the user wants to download: the person themselves, their centre's provider or a
     * quality manager may; anyone else who may see the person is refused (403), as is one who may not.
     */
    @Transactional(readOnly = true)
    public CpdActivity cpdEntryToRead(String username, long cpdId, AppUser by) {
        StaffMember member = find(username);
        if (!by.getUsername().equals(username)) {
            checkManages(by, member.getCentre());
        }
        return entry(member, cpdId);
    }

    /** The files of the person's CPD entries, by entry id, for a view the caller may already see. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, CpdFileStore.CpdFile> cpdFiles(StaffMember member) {
        return cpdFiles.filesOf(member.getUsername(), member.getCpd());
    }

    private CpdFileStore.CpdFile attach(StaffMember member, CpdActivity entry, Upload file, AppUser by)
            throws IOException {
        CpdFileStore.CpdFile stored = cpdFiles.attach(entry, member.getUsername(), file.name(), file.content());
        log.record(by, member.getCentre(), member.getUsername(), "CPD file attached", stored.name() + " ("
                + stored.size() + " bytes, " + stored.contentType() + ", SHA-256 " + stored.sha256()
                + ") to the CPD entry of " + entry.getActivityDate());
        return stored;
    }

    private static CpdActivity entry(StaffMember member, long cpdId) {
        return member.getCpd().stream().filter(c -> c.getId() != null && c.getId() == cpdId).findFirst()
                .orElseThrow(() -> new NotFoundException(member.getName() + " (" + member.getUsername()
                        + ") has no CPD entry " + cpdId));
    }

    public StaffMember deactivate(String username, String reason, AppUser by) {
        StaffMember member = managed(username, by);
        if (!member.isActive()) {
            throw new ConflictException(member.getName() + " (" + username + ") is already deactivated");
        }
        member.deactivate();
        users.findById(username).ifPresent(AppUser::disable);
        log.record(by, member.getCentre(), username, "staff deactivated", reason.trim());
        return member;
    }

    private StaffMember managed(String username, AppUser by) {
        StaffMember member = find(username);
        checkManages(by, member.getCentre());
        return member;
    }

    private StaffMember find(String username) {
        return staff.findByUsername(username)
                .orElseThrow(() -> new NotFoundException("There is no staff member " + username));
    }

    /** A centre's provider keeps its own staff; the quality manager may keep anyone's. */
    private static void checkManages(AppUser by, Centre centre) {
        boolean manages = by.getRole() == Role.QUALITY_MANAGER
                || (by.getRole() == Role.PROVIDER && centre.getId().equals(by.getCentreId()));
        if (!manages) {
            throw new AccessDeniedException("Only the provider of centre " + centre.getCode()
                    + " or a quality manager may change its staff");
        }
    }

}
