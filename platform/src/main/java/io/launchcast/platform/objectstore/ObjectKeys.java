package io.launchcast.platform.objectstore;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The rules every object key a caller names must follow, whatever the store: S3's own limit of 1,024 bytes,
 * no {@code .} or {@code ..} segment (a key is not a path, but a store on a file system or a tool that treats
 * keys as paths must never be steered outside its prefix), and no control character.
 */
public final class ObjectKeys {

    /** S3's maximum key length, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    private static final int SHOWN = 120;

    private ObjectKeys() {
    }

    /** {@code s3://<bucket>/<key>}, the key's characters escaped as a URI needs them. */
    public static URI uri(String bucket, String key) {
        try {
            return new URI("s3", bucket, "/" + key, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("key '" + shown(key) + "' cannot form a URI", e);
        }
    }

    /**
     * The key of {@code s3://<bucket>/<key>}, checked.
     *
     * @throws IllegalArgumentException naming what is wrong (the URI is quoted only in part when long)
     */
    public static String keyOf(URI uri, String bucket) {
        if (!"s3".equals(uri.getScheme()) || !bucket.equals(uri.getHost()) || uri.getPath() == null
                || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("'" + shown(uri.toString()) + "' is not an object URI of the form s3://"
                    + bucket + "/<key>");
        }
        return check(uri.getPath().substring(1));
    }

    /** {@code key} when it follows the rules. */
    public static String check(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("the key '" + shown(key) + "' is " + bytes + " bytes long; keys have at most "
                    + MAX_KEY_BYTES);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("the key '" + shown(key) + "' has a '" + segment
                        + "' segment; name the object itself");
            }
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new IllegalArgumentException("the key '" + shown(key) + "' holds a control character");
            }
        }
        return key;
    }

    private static String shown(String text) {
        String visible = text.replaceAll("\\p{Cntrl}", "?");
        return visible.length() <= SHOWN ? visible : visible.substring(0, SHOWN) + "... (" + text.length() + " chars)";
    }
}
