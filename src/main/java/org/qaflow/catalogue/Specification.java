package org.qaflow.catalogue;

import jakarta.persistence.*;
import java.time.LocalDate;

/** The qualification specification the catalogue was taken from; one row. */
@Entity
@Table(name = "specification")
public class Specification {

    @Id
    private Integer id = 1;
    private String title;
    @Column(name = "awarding_org")
    private String awardingOrganisation;
    private String version;
    private LocalDate publishedOn;

    protected Specification() {
    }

    public Specification(String title, String awardingOrganisation, String version, LocalDate publishedOn) {
        this.title = title;
        this.awardingOrganisation = awardingOrganisation;
        this.version = version;
        this.publishedOn = publishedOn;
    }

    public String getTitle() { return title; }
    public String getAwardingOrganisation() { return awardingOrganisation; }
    public String getVersion() { return version; }
    public LocalDate getPublishedOn() { return publishedOn; }
}
