package dev.regnotify.demo;

import java.io.PrintStream;

/** Lets tests of other packages run the demo in-process. */
public final class MainAccess {

    private MainAccess() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Main.run(args, out, err);
    }
}
