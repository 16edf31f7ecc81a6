package org.qaflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * qaflow: rules-driven quality assurance of vocational qualifications.
 * The Kogito and jBPM packages are scanned so the process engine and its JPA task store start with us.
 */
@SpringBootApplication(scanBasePackages = {"org.qaflow", "org.kie.kogito.**", "org.jbpm.usertask.jpa.springboot"})
@EntityScan(basePackages = {"org.qaflow", "org.jbpm.usertask.jpa.model"})
@EnableJpaRepositories(basePackages = "org.qaflow")
@EnableScheduling
public class QaflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(QaflowApplication.class, args);
    }
}
