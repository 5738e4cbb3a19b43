package dev.regnotify.cdi;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.regnotify.registry.BlobStore;
import dev.regnotify.registry.Descriptor;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Manifest;
import dev.regnotify.registry.ManifestService;
import dev.regnotify.registry.MediaTypes;
import dev.regnotify.registry.RepositoryName;
import dev.regnotify.registry.RepositoryService;
import dev.regnotify.registry.Tag;
import dev.regnotify.registry.TagService;

/**
 * What a storage method is, as far as events go, and the events its success fires (the table of docs/events.md).
 * Resolved once per bean class and method; the interceptor then only looks it up.
 */
enum Operation {

    /** Fires nothing: stat, exists, tag, list, catalog, and any method outside the SPI. */
    NONE {
        @Override
        Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result, Object prepared) {
            return result;
        }
    },
    MANIFEST_GET {
        @Override
        Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result, Object prepared) {
            emitter.manifestPulled(repo(args), (Manifest) result, args[1] instanceof Tag tag ? tag : null);
            return result;
        }
    },
    MANIFEST_PUT {
        @Override
        Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result, Object prepared) {
            emitter.manifestPushed(repo(args), (Manifest) args[1], args.length > 2 ? (Tag) args[2] : null);
            return result;
        }
    },
    MANIFEST_DELETE {
        @Override
        @SuppressWarnings("unchecked")
        Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result, Object prepared) {
            emitter.manifestDeleted(repo(args), (Digest) args[1], (List<Tag>) result);
            return result;
        }
    },
    BLOB_READ {
        /**
         * The descriptor is read before the call: read after, a concurrent delete could make it fail although the
         * pull succeeded. The target's own stat, made while this interception is on the stack, is not intercepted.
         */
        @Override
        Object prepare(Object target, Object[] args) {
            try {
                return ((BlobStore) target).stat(repo(args), (Digest) args[1]);
            } catch (RuntimeException e) {
                return null; // the call itself will say what is wrong
            }
        }

        @Override
        Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result, Object prepared) {
            emitter.blobPulled(repo(args), prepared != null ? (Descriptor) prepared : statAfter(target, args, result));
            return result;
        }

        /**
         * The blob appeared after the first stat (a concurrent push). If it is gone again, a {@code get} still
         * describes what it returned; an {@code open} cannot, and its event is reported as lost.
         */
        private Descriptor statAfter(Object target, Object[] args, Object result) {
            try {
                return ((BlobStore) target).stat(repo(args), (Digest) args[1]);
            } catch (RuntimeException e) {
                if (result instanceof byte[] content) {
                    return new Descriptor(MediaTypes.OCTET_STREAM, content.length, (Digest) args[1]);
                }
                throw e;
            }
        }
    },
    BLOB_PUT {
        @Override
        Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result, Object prepared) {
            emitter.blobPushed(repo(args), (Descriptor) result);
            return result;
        }
    },
    /** create and resume: the writer fires when its commit succeeds. */
    BLOB_UPLOAD {
        @Override
        Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result, Object prepared) {
            return new ListenedBlobWriter((dev.regnotify.registry.BlobWriter) result, emitter);
        }
    },
    BLOB_MOUNT {
        @Override
        Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result, Object prepared) {
            emitter.blobMounted(repo(args), (Descriptor) result, (RepositoryName) args[1]);
            return result;
        }
    },
    BLOB_DELETE {
        @Override
        Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result, Object prepared) {
            emitter.blobDeleted(repo(args), (Digest) args[1]);
            return result;
        }
    },
    TAG_UNTAG {
        @Override
        Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result, Object prepared) {
            emitter.tagDeleted(repo(args), (Tag) args[1]);
            return result;
        }
    },
    REPOSITORY_DELETE {
        @Override
        Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result, Object prepared) {
            emitter.repositoryDeleted(repo(args));
            return result;
        }
    };

    private static final ClassValue<Map<Method, Operation>> BY_CLASS = new ClassValue<>() {
        @Override
        protected Map<Method, Operation> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /**
     * Reads, before the call, what the event will need and the call's result does not carry.
     *
     * @return what {@link #fired} receives as {@code prepared}; null if nothing
     */
    Object prepare(Object target, Object[] args) {
        return null;
    }

    /**
     * Fires the events of a successful call.
     *
     * @return the value the caller receives: the result, or for uploads the result wrapped so that it fires
     */
    abstract Object fired(RegistryEventEmitter emitter, Object target, Object[] args, Object result,
            Object prepared);

    /** @return the operation of a method called on a bean of the target's class */
    static Operation of(Class<?> targetClass, Method method) {
        Map<Method, Operation> operations = BY_CLASS.get(targetClass);
        Operation known = operations.get(method); // without the lambda computeIfAbsent would be given per call
        return known != null ? known : operations.computeIfAbsent(method, m -> resolve(targetClass, m));
    }

    private static Operation resolve(Class<?> targetClass, Method method) {
        String name = method.getName();
        if (implementsSpi(targetClass, ManifestService.class, method)) {
            return switch (name) {
                case "get" -> MANIFEST_GET;
                case "put" -> MANIFEST_PUT;
                case "delete" -> MANIFEST_DELETE;
                default -> NONE;
            };
        }
        if (implementsSpi(targetClass, BlobStore.class, method)) {
            return switch (name) {
                case "get", "open" -> BLOB_READ;
                case "put" -> BLOB_PUT;
                case "create", "resume" -> BLOB_UPLOAD;
                case "mount" -> BLOB_MOUNT;
                case "delete" -> BLOB_DELETE;
                default -> NONE;
            };
        }
        if (implementsSpi(targetClass, TagService.class, method)) {
            return name.equals("untag") ? TAG_UNTAG : NONE;
        }
        if (implementsSpi(targetClass, RepositoryService.class, method)) {
            return name.equals("delete") ? REPOSITORY_DELETE : NONE;
        }
        return NONE;
    }

    private static boolean implementsSpi(Class<?> targetClass, Class<?> spi, Method method) {
        if (!spi.isAssignableFrom(targetClass)) {
            return false;
        }
        try {
            spi.getMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static RepositoryName repo(Object[] args) {
        return (RepositoryName) args[0];
    }
}
