package org.qaflow.centre;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.*;
import java.math.BigDecimal;
import java.time.LocalDate;

@Entity
@Table(name = "staff_cpd")
public class CpdActivity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @JsonIgnore
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "staff_id")
    @JsonIgnore
    private StaffMember staff;
    private LocalDate activityDate;
    private BigDecimal hours;
    private boolean salesRelated;
    private String description;

    protected CpdActivity() {
    }

    CpdActivity(StaffMember staff, LocalDate activityDate, BigDecimal hours, boolean salesRelated, String description) {
        this.staff = staff;
        this.activityDate = activityDate;
        this.hours = hours;
        this.salesRelated = salesRelated;
        this.description = description;
    }

    public Long getId() { return id; }
    public LocalDate getActivityDate() { return activityDate; }
    public BigDecimal getHours() { return hours; }
    public boolean isSalesRelated() { return salesRelated; }
    public String getDescription() { return description; }
}
