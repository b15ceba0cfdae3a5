package io.launchcast.ingestion.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The one file of a zip archive (a download packed as {@code sales.csv.zip}), streamed. An archive of several files is
 * refused once the first is read, naming them: which of them the source means is for the mapping to say, by files of
 * their own, so the archive is to be unpacked. The refusal fails the run, which publishes nothing of it.
 */
final class SingleFileZip extends FilterInputStream {

    private final String name;
    private final ZipInputStream zip;
    private final String first;

    private SingleFileZip(String name, ZipInputStream zip, String first) {
        super(zip);
        this.name = name;
        this.zip = zip;
        this.first = first;
    }

    /** The archive's first file; {@code in} is positioned at the archive's start. */
    static InputStream of(String name, InputStream in) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        ZipEntry entry = nextFile(zip);
        if (entry == null) {
            zip.close();
            throw new IOException(name + " is a zip archive without a file");
        }
        return new SingleFileZip(name, zip, entry.getName());
    }

    private static ZipEntry nextFile(ZipInputStream zip) throws IOException {
        ZipEntry entry;
        while ((entry = zip.getNextEntry()) != null && entry.isDirectory()) {
            // folders hold nothing to read
        }
        return entry;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            refuseMore();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            refuseMore();
        }
        return n;
    }

    private void refuseMore() throws IOException {
        List<String> files = new ArrayList<>(List.of(first));
        ZipEntry entry;
        while ((entry = nextFile(zip)) != null) {
            files.add(entry.getName());
        }
        if (files.size() > 1) {
            throw new IOException(name + " holds more than one file (" + String.join(", ", files)
                    + "): unpack it, each file one of the source's files");
        }
    }
}
