package io.launchcast.platform.objectstore.aws;

import io.launchcast.platform.objectstore.NoSuchObjectException;
import io.launchcast.platform.objectstore.ObjectKeys;
import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectStoreException;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The object store on S3 or on any S3-compatible endpoint (the local S3Proxy stand-in): the same class in both
 * modes, only the client's endpoint differs.
 */
public class S3ObjectStore implements ObjectStore {

    private final S3Client s3;
    private final String bucket;

    public S3ObjectStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        call("put " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromBytes(content)));
    }

    @Override
    public void put(String key, Path file, String contentType) {
        call("put " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType),
                RequestBody.fromFile(file)));
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        call("put " + key, () -> s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
                .contentLength(length), RequestBody.fromInputStream(content, length)));
    }

    @Override
    public InputStream open(String key) {
        return call("get " + key, () -> s3.getObject(b -> b.bucket(bucket).key(key)), key);
    }

    /** A ranged GET ({@code bytes=from-}): nothing before the offset crosses the network. */
    @Override
    public InputStream open(String key, long fromByte) {
        if (fromByte == 0) {
            return open(key);
        }
        return call("get " + key + " from byte " + fromByte,
                () -> s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + fromByte + "-")), key);
    }

    @Override
    public byte[] read(String key) {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ObjectStoreException("reading " + key + " was interrupted", e);
        }
    }

    @Override
    public Optional<ObjectSummary> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new ObjectSummary(key, head.contentLength(), unquote(head.eTag()), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new ObjectStoreException("head " + key + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new ObjectStoreException("head " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ObjectSummary> list(String prefix) {
        return call("list " + prefix, () -> {
            List<ObjectSummary> objects = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                // filesystem-backed stores report directories as keys ending in '/': they are not objects
                if (!object.key().endsWith("/")) {
                    objects.add(new ObjectSummary(object.key(), object.size(), unquote(object.eTag()),
                            object.lastModified()));
                }
            }
            return objects;
        });
    }

    @Override
    public void delete(String key) {
        call("delete " + key, () -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public URI uri(String key) {
        return ObjectKeys.uri(bucket, key);
    }

    @Override
    public String keyOf(URI uri) {
        return ObjectKeys.keyOf(uri, bucket);
    }

    @Override
    public boolean isReachable() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (SdkException | UncheckedIOException e) {
            return false;
        }
    }

    private static String unquote(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }

    private <T> T call(String operation, Supplier<T> action) {
        return call(operation, action, null);
    }

    private <T> T call(String operation, Supplier<T> action, String missingKey) {
        try {
            return action.get();
        } catch (NoSuchKeyException e) {
            throw new NoSuchObjectException(missingKey == null ? operation : missingKey);
        } catch (SdkException | UncheckedIOException e) {
            throw new ObjectStoreException(operation + " on bucket " + bucket + " failed: " + e.getMessage(), e);
        }
    }
}
