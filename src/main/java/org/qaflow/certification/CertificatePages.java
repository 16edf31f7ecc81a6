package org.qaflow.certification;

import org.qaflow.catalogue.QualificationRepository;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimAccess;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.problem.NotFoundException;
import org.qaflow.web.PdfRenderer;
import org.qaflow.web.WebPage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.time.ZoneOffset;
import java.util.List;

/** A claim's certificate as a page and as a PDF: learner, qualification title and QAN, units, number and date. */
@Controller
@WebPage
public class CertificatePages {

    private final QualificationRepository qualifications;
    private final UnitRepository units;
    private final ClaimAccess access;
    private final PdfRenderer pdf;

    public CertificatePages(QualificationRepository qualifications, UnitRepository units, ClaimAccess access,
                            PdfRenderer pdf) {
        this.qualifications = qualifications;
        this.units = units;
        this.access = access;
        this.pdf = pdf;
    }

    public record UnitLine(String ref, String uan, String title, int level, int credit) {
    }

    @GetMapping("/certificates/{claimId}")
    @Transactional(readOnly = true)
    public String page(@PathVariable long claimId, Model model) {
        fill(claimId, model);
        return "certificate";
    }

    @GetMapping("/certificates/{claimId}.pdf")
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> pdf(@PathVariable long claimId, Model model) {
        fill(claimId, model);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + model.getAttribute("number") + ".pdf\"")
                .body(pdf.render("certificate-pdf", model.asMap()));
    }

    private void fill(long claimId, Model model) {
        Claim claim = access.claim(claimId);
        if (claim.getCertificateNumber() == null) {
            throw new NotFoundException("Claim " + claimId + " has no certificate yet: " + claim.getStatus().words());
        }
        var q = qualifications.findById(claim.getQan()).orElseThrow();
        List<UnitLine> achieved = claim.getUnits().stream().map(ClaimUnit::getUnitRef)
                .map(ref -> units.findById(ref).orElseThrow())
                .map(u -> new UnitLine(u.getRef(), u.getUan(), u.getTitle(), u.getLevel(), u.getCredit())).toList();
        model.addAttribute("claimId", claimId);
        model.addAttribute("learner", claim.getLearner().getFirstName() + " " + claim.getLearner().getLastName());
        model.addAttribute("uln", claim.getLearner().getUln());
        model.addAttribute("title", q.getTitle());
        model.addAttribute("qan", q.getQan());
        model.addAttribute("units", achieved);
        model.addAttribute("number", claim.getCertificateNumber());
        model.addAttribute("issued", claim.getCertificateIssuedAt().atZone(ZoneOffset.UTC).toLocalDate());
        model.addAttribute("centre", claim.getCentre().getName());
        model.addAttribute("replaces", claim.getReplacesCertificate());
    }
}
