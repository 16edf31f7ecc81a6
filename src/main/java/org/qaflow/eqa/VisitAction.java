package org.qaflow.eqa;

import jakarta.persistence.*;

/** An action the EQA raised for the centre at a visit; open actions weigh against direct claim status. */
@Entity
@Table(name = "eqa_action")
public class VisitAction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long visitId;
    private String description;
    @Column(name = "is_open")
    private boolean open;

    protected VisitAction() {
    }

    public VisitAction(Long visitId, String description) {
        this.visitId = visitId;
        this.description = description;
        this.open = true;
    }

    public Long getId() { return id; }
    public Long getVisitId() { return visitId; }
    public String getDescription() { return description; }
    public boolean isOpen() { return open; }
}
