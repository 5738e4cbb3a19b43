package dev.regnotify.demo.registry;

/** One byte range of a {@code Range} header ({@code bytes=first-last}, {@code bytes=first-}, {@code bytes=-suffix}). */
final class ByteRange {

    private ByteRange() {
    }

    /**
     * @param header the {@code Range} header, or null
     * @param size the blob's size
     * @return {first, last} (inclusive), or null to send the whole blob (no header, or one this server does not
     *         take: several ranges, another unit)
     * @throws RegistryHandler.ApiException {@code RANGE_INVALID} (416) if the range is outside the blob
     */
    static long[] parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring(6).strip();
        int dash = spec.indexOf('-');
        try {
            long first;
            long last;
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(spec.substring(0, dash));
                last = dash == spec.length() - 1 ? size - 1 : Math.min(size - 1, Long.parseLong(spec.substring(dash
                        + 1)));
            }
            if (first < 0 || first > last || first >= size) {
                throw new RegistryHandler.ApiException("RANGE_INVALID", "the range " + spec + " is outside the "
                        + size + " bytes of the blob");
            }
            return new long[] {first, last};
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return null; // not a range this server understands: the whole blob, as RFC 9110 allows
        }
    }
}
