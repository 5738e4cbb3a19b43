package dev.regnotify.delivery;

/** Numbers for log messages as plain digits: the loggers' message format would group them ("1,073,741,824"). */
final class LogNumbers {

    private LogNumbers() {
    }

    static String plain(long number) {
        return Long.toString(number);
    }
}
