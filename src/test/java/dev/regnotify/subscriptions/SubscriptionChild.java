package dev.regnotify.subscriptions;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process the crash test kills: keeps subscriptions in a file store, one after another without end, deleting
 * every third, and prints each change once the store returned. Argument: the file.
 */
public final class SubscriptionChild {

    private SubscriptionChild() {
    }

    public static void main(String[] args) {
        FileSubscriptionStore store = new FileSubscriptionStore(Path.of(args[0]));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (int i = 0; ; i++) {
            store.put(Subscription.fromJson(document("sub-" + i)));
            out.println("put sub-" + i);
            if (i % 3 == 2) {
                store.remove("sub-" + (i - 1));
                out.println("removed sub-" + (i - 1));
            }
            out.flush();
        }
    }

    static String document(String name) {
        return "{\"name\":\"" + name + "\",\"url\":\"https://hooks.example.com/" + name + "\",\"owner\":\"team-a\","
                + "\"secrets\":[{\"secret\":\"whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24])
                + "\"}],\"created\":\"2026-12-03T10:00:00Z\"}";
    }
}
