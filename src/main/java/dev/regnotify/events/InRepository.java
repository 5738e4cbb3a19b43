package dev.regnotify.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Objects;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * Narrows an observer to the events of one repository. Every registry event is fired with this qualifier for its
 * repository; an observer without it receives the events of every repository.
 *
 * <pre>{@code
 * void onPush(@Observes @InRepository("team/app") ManifestPushed pushed) { ... }
 * }</pre>
 *
 * @since 0.1
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface InRepository {

    /** @return the repository name, such as {@code team/app} */
    String value();

    /**
     * The qualifier as a value, for {@code Event.select} or {@code Instance.select}.
     *
     * @since 0.1
     */
    final class Literal extends AnnotationLiteral<InRepository> implements InRepository {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        /**
         * @param repository the repository name
         * @return the qualifier for that repository
         */
        public static Literal of(String repository) {
            return new Literal(repository);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
