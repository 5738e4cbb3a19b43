package dev.regnotify.demo;

/**
 * The command-line demo. Until the notification pipeline lands it only says so; the scenario it will play is in
 * {@code docs/}.
 *
 * @since 0.1
 */
public final class Main {

    private Main() {
    }

    /** @param args ignored for now */
    public static void main(String[] args) {
        System.out.println("regnotify demo: the storage SPI and reference storages are in place; "
                + "the event scenario arrives with the notification pipeline.");
    }
}
