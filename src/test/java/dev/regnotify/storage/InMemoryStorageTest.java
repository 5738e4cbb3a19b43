package dev.regnotify.storage;

import dev.regnotify.registry.Digest;

class InMemoryStorageTest extends StorageContract {

    private InMemoryStorage memory;

    @Override
    RegistryStorage newStorage() {
        memory = new InMemoryStorage();
        return memory;
    }

    @Override
    int storedCopies(Digest digest) {
        return memory.read(() -> memory.content.containsKey(digest) ? 1 : 0);
    }
}
