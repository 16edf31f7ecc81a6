package org.qaflow.problem;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.LocalDate;

/**
 * A date a person could mean: from {@link #from()} to {@link #yearsAhead()} years after today (by the application's
 * clock). ISO dates run to the year 999,999,999 and below year 1; such a date is a typo or an attack, and the
 * database cannot keep it faithfully. Null passes: say {@code @NotNull} where the date is required.
 */
@Documented
@Constraint(validatedBy = DateRange.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface DateRange {

    /** The earliest date accepted (yyyy-mm-dd). */
    String from() default "1900-01-01";

    /** How far after today a date may lie: 0 for a date that cannot be in the future. */
    int yearsAhead();

    String message() default "is not a plausible date";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<DateRange, LocalDate> {

        private final Clock clock;
        private LocalDate from;
        private int yearsAhead;

        /** Made by Spring's validator factory, which hands over the application's clock. */
        public Check(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void initialize(DateRange annotation) {
            from = LocalDate.parse(annotation.from());
            yearsAhead = annotation.yearsAhead();
        }

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            LocalDate to = LocalDate.now(clock).plusYears(yearsAhead);
            if (value == null || (!value.isBefore(from) && !value.isAfter(to))) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(value + " is not between " + from + " and " + to
                    + (yearsAhead == 0 ? " (today)" : " (" + yearsAhead + " years from today)"))
                    .addConstraintViolation();
            return false;
        }
    }
}
