package dev.regnotify.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a storage bean (or some of its methods) whose successful operations fire registry events. Put it on a bean
 * that implements {@code ManifestService}, {@code BlobStore}, {@code TagService} or {@code RepositoryService}; the
 * library's interceptor then fires one {@link RegistryEvent} per successful operation, after it returned, and
 * nothing when it throws.
 *
 * <pre>{@code
 * @ApplicationScoped @Listened
 * public class Blobs extends DelegatingBlobStore {}
 * }</pre>
 *
 * @since 0.1
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Listened {

    /**
     * The annotation as a value, to add the binding programmatically (for example with an
     * {@code InterceptionFactory}).
     *
     * @since 0.1
     */
    final class Literal extends AnnotationLiteral<Listened> implements Listened {

        /** The one instance: the annotation has no members. */
        public static final Literal INSTANCE = new Literal();

        private static final long serialVersionUID = 1L;

        private Literal() {
        }
    }
}
