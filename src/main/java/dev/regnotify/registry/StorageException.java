package dev.regnotify.registry;

/**
 * The storage itself failed, for example on an I/O error; nothing the caller sent was at fault. The message names
 * the operation and the file or resource involved.
 *
 * @since 0.1
 */
public class StorageException extends RegistryException {

    /**
     * @param message the operation and the resource involved
     * @param cause the underlying failure
     */
    public StorageException(String message, Throwable cause) {
        super(ErrorCode.UNKNOWN, message + ": " + cause, cause);
    }
}
