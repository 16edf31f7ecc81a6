package org.qaflow.notification;

import org.qaflow.catalogue.Qualification;
import org.qaflow.catalogue.QualificationRepository;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.learner.ClaimUnitRepository;
import org.qaflow.notification.Notification.Kind;
import org.qaflow.notification.Notification.MailStatus;
import org.qaflow.problem.NotFoundException;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.security.People;
import org.qaflow.security.Role;
import org.qaflow.task.TaskGroups;
import org.qaflow.task.TaskTitles;
import org.qaflow.task.Tasks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells the person who must act next, in words, with a link to where the work is done. Features announce a Notice
 * inside their own transaction and it is stored there, so a notification exists exactly when its action does; e-mail
 * follows after commit (NotificationMailer), so an action rolled back sends nothing.
 */
@Service
@Transactional
public class Notifications {

    private final NotificationRepository notifications;
    private final AppUserRepository users;
    private final People people;
    private final QualificationRepository qualifications;
    private final Tasks tasks;
    private final NotificationMailer mailer;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ClaimRepository claims;
    private final ClaimUnitRepository claimUnits;
    private final CentreRepository centres;

    public Notifications(NotificationRepository notifications, AppUserRepository users, People people,
                         QualificationRepository qualifications, Tasks tasks, NotificationMailer mailer,
                         ApplicationEventPublisher events, Clock clock, ClaimRepository claims,
                         ClaimUnitRepository claimUnits, CentreRepository centres) {
        this.claims = claims;
        this.claimUnits = claimUnits;
        this.centres = centres;
        this.notifications = notifications;
        this.users = users;
        this.people = people;
        this.qualifications = qualifications;
        this.tasks = tasks;
        this.mailer = mailer;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    public void on(Notice.ReferredBack notice) {
        referredBack(claimUnits.findById(notice.claimUnitId()).orElseThrow(), notice.iqa(), notice.reason());
    }

    @EventListener
    public void on(Notice.SampledForIqa notice) {
        sampledForIqa(claimUnits.findById(notice.claimUnitId()).orElseThrow());
    }

    @EventListener
    public void on(Notice.CountersignNeeded notice) {
        countersignNeeded(claimUnits.findById(notice.claimUnitId()).orElseThrow(), notice.iqa());
    }

    @EventListener
    public void on(Notice.VisitPlanned notice) {
        visitPlanned(centres.findById(notice.centreId()).orElseThrow(), notice.eqa(), notice.date());
    }

    @EventListener
    public void on(Notice.ClaimHeld notice) {
        claimHeld(claims.findById(notice.claimId()).orElseThrow(), notice.why());
    }

    @EventListener
    public void on(Notice.CertificateIssued notice) {
        certificateIssued(claims.findById(notice.claimId()).orElseThrow());
    }

    /** The IQA referred a decision back: the assessor assesses the unit again, knowing why. */
    private void referredBack(ClaimUnit unit, String iqaUsername, String reason) {
        Claim claim = unit.getClaim();
        notify(Kind.REFERRED_BACK, names(claim.getAssessor().getUsername()),
                "Referred back by " + people.name(iqaUsername) + ": "
                        + TaskTitles.title(Tasks.ASSESS_UNIT, unit.getUnitRef(), learner(claim), null) + " again ("
                        + context(claim) + "). Reason: " + reason,
                "/assessor/claims/" + claim.getId() + "/units/" + unit.getUnitRef(), claim.getId());
    }

    /** A decision was sampled: the IQAs it will be offered to (the centre's IQAs, never its own assessor). */
    private void sampledForIqa(ClaimUnit unit) {
        Claim claim = unit.getClaim();
        String assessor = claim.getAssessor().getUsername();
        notify(Kind.SAMPLED_FOR_IQA, offeredTo(claim.getCentre(), TaskGroups.iqas(claim.getCentre().getCode()),
                        names(assessor)),
                "Sampled for IQA: " + TaskTitles.title(Tasks.VERIFY_DECISION, unit.getUnitRef(), learner(claim), null)
                        + " (" + context(claim) + "), assessed by " + people.name(assessor) + ".",
                "/iqa", claim.getId());
    }

    /** A working-towards IQA accepted a decision: the qualified IQAs who may countersign it. */
    private void countersignNeeded(ClaimUnit unit, String iqaUsername) {
        Claim claim = unit.getClaim();
        notify(Kind.COUNTERSIGN_NEEDED, offeredTo(claim.getCentre(),
                        TaskGroups.qualifiedIqas(claim.getCentre().getCode()),
                        names(claim.getAssessor().getUsername(), iqaUsername)),
                "Countersign needed: " + TaskTitles.title(Tasks.COUNTERSIGN_DECISION, unit.getUnitRef(),
                        learner(claim), null) + " (" + context(claim) + "), verified by " + people.name(iqaUsername)
                        + ".",
                "/iqa", claim.getId());
    }

    /** The EQA fixed a visit date: the centre's provider users prepare for it. */
    private void visitPlanned(Centre centre, String eqaUsername, LocalDate date) {
        notify(Kind.VISIT_PLANNED, notifications.usersAt(centre.getId(), Role.PROVIDER),
                "EQA visit planned: " + people.name(eqaUsername) + " will visit " + centre.getName() + " ("
                        + centre.getCode() + ") on " + date + ".",
                "/visits/centres/" + centre.getCode(), null);
    }

    /** A claim waits for, or is held by, the EQA: the centre's provider users, with why. */
    private void claimHeld(Claim claim, String why) {
        notify(Kind.CLAIM_HELD, notifications.usersAt(claim.getCentre().getId(), Role.PROVIDER),
                "Claim held: " + learner(claim) + "'s claim (" + context(claim) + ") is " + why + ".",
                "/claims/" + claim.getId(), claim.getId());
    }

    /** The certificate is issued: the centre's provider users and the learner's assessor. */
    private void certificateIssued(Claim claim) {
        List<String> to = new ArrayList<>(notifications.usersAt(claim.getCentre().getId(), Role.PROVIDER));
        to.add(claim.getAssessor().getUsername());
        notify(Kind.CERTIFICATE_ISSUED, to, "Certificate issued: " + claim.getCertificateNumber() + " to "
                + learner(claim) + " (" + context(claim) + ").", "/certificates/" + claim.getId(), claim.getId());
    }

    /**
     * One notification to each recipient who can still log in (each once), mailed after commit.
     *
     * @param link the page, from the application's root, where the work is done
     */
    public List<Notification> notify(Kind kind, Collection<String> recipients, String message, String link,
                                     Long claimId) {
        Instant now = Instant.now(clock);
        List<Notification> saved = new ArrayList<>();
        for (String username : new LinkedHashSet<>(recipients)) {
            AppUser user = username == null ? null : users.findById(username).filter(AppUser::isEnabled).orElse(null);
            if (user == null) {
                continue;
            }
            MailStatus mail = !mailer.enabled() ? MailStatus.OFF
                    : user.getEmail() == null || user.getEmail().isBlank() ? MailStatus.NO_ADDRESS : MailStatus.PENDING;
            saved.add(notifications.save(new Notification(username, kind, message, link, claimId, now, mail)));
        }
        List<Long> toMail = saved.stream().filter(n -> n.getMailStatus() == MailStatus.PENDING)
                .map(Notification::getId).toList();
        if (!toMail.isEmpty()) {
            events.publishEvent(new NotificationMailer.ToMail(toMail));
        }
        return saved;
    }

    @Transactional(readOnly = true)
    public Page<Notification> mine(AppUser user, Pageable pageable) {
        return notifications.findByRecipientOrderByCreatedAtDescIdDesc(user.getUsername(), pageable);
    }

    @Transactional(readOnly = true)
    public long unread(String username) {
        return notifications.countByRecipientAndReadAtIsNull(username);
    }

    /** Marks one of the user's notifications read; another's is as unknown to them as one that never was. */
    public Notification read(long id, AppUser user) {
        Notification notification = notifications.findByIdAndRecipient(id, user.getUsername())
                .orElseThrow(() -> new NotFoundException("There is no notification " + id + " among yours"));
        notification.read(Instant.now(clock));
        return notification;
    }

    public int readAll(AppUser user) {
        return notifications.markAllRead(user.getUsername(), Instant.now(clock));
    }

    /** Who a task with these groups is offered to: the engine's own group membership (Tasks.groupsOf). */
    private List<String> offeredTo(Centre centre, String group, Set<String> excluded) {
        return notifications.usersAt(centre.getId(), Role.IQA).stream()
                .filter(name -> !excluded.contains(name))
                .filter(name -> users.findById(name).map(tasks::groupsOf).orElse(List.of()).contains(group))
                .toList();
    }

    /** User names, leaving out staff who have no login (an assessor on record only). */
    private static Set<String> names(String... usernames) {
        Set<String> names = new HashSet<>();
        for (String name : usernames) {
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    private static String learner(Claim claim) {
        return claim.getLearner().getFirstName() + " " + claim.getLearner().getLastName();
    }

    /** The qualification and the centre, by their names. */
    private String context(Claim claim) {
        String qualification = qualifications.findById(claim.getQan()).map(Qualification::getTitle)
                .orElse(claim.getQan());
        return qualification + ", " + claim.getCentre().getName();
    }
}
