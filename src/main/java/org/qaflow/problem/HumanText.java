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

/**
 * Text a person typed and others will read (names, reasons, reports): no control characters (NUL and the like break
 * exports, logs and other systems), no half of a surrogate pair (not text at all: it cannot be encoded) and no longer
 * than its column. Line breaks and tabs only where the text may run over several lines. Null passes: say
 * {@code @NotBlank} where the text is required.
 */
@Documented
@Constraint(validatedBy = HumanText.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface HumanText {

    /** Characters (as Java counts them: UTF-16 units, as the database column does). */
    int max();

    boolean multiline() default false;

    String message() default "is not plain text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<HumanText, String> {

        private int max;
        private boolean multiline;

        @Override
        public void initialize(HumanText annotation) {
            max = annotation.max();
            multiline = annotation.multiline();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String problem = value == null ? null : problem(value, max, multiline);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            // The message names code points and positions only, never the text itself (no template injection).
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }

        /** The same check where no validator runs: form posts reach the services directly. */
        public static void require(String field, String value, int max, boolean multiline) {
            String problem = value == null ? null : problem(value, max, multiline);
            if (problem != null) {
                throw new BadRequestException(field + ": " + problem);
            }
        }

        /** What is wrong with the text in words, or null when it is fine. */
        public static String problem(String value, int max, boolean multiline) {
            if (value.length() > max) {
                return "too long: at most " + max + " characters, got " + value.length();
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return "has half of a character (an unpaired surrogate U+" + hex(c) + ") at position " + (i + 1);
                } else if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                    return "has a control character (U+" + hex(c) + ") at position " + (i + 1)
                            + (multiline ? "" : "; it must be one line of plain text");
                }
            }
            return null;
        }

        private static String hex(char c) {
            return String.format("%04X", (int) c);
        }
    }
}
