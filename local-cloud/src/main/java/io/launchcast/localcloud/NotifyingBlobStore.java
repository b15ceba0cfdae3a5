package io.launchcast.localcloud;

import java.util.List;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * Blob-store decorator that announces every created object after it is stored, whatever S3 client wrote it.
 * Decorating the store (rather than watching the directory) means the notification follows the S3 operation
 * exactly: single PUT, completed multipart upload and server-side copy, each once, and only on success.
 *
 * <p>It also serialises writes to the same key: S3 lets concurrent writers race and the last one wins whole,
 * while jclouds' local stores fail one of two simultaneous writes to a key.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    private final ObjectCreatedNotifier notifier;
    private final KeyLocks writeLocks = new KeyLocks();

    NotifyingBlobStore(BlobStore delegate, ObjectCreatedNotifier notifier) {
        super(delegate);
        this.notifier = notifier;
    }

    @Override
    public String putBlob(String container, Blob blob) {
        String key = blob.getMetadata().getName();
        String eTag = writeLocks.underLock(container, key, () -> super.putBlob(container, blob));
        announce("ObjectCreated:Put", container, key);
        return eTag;
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String key = blob.getMetadata().getName();
        String eTag = writeLocks.underLock(container, key, () -> super.putBlob(container, blob, options));
        announce("ObjectCreated:Put", container, key);
        return eTag;
    }

    @Override
    public String copyBlob(String fromContainer, String fromName, String toContainer, String toName,
            CopyOptions options) {
        String eTag = writeLocks.underLock(toContainer, toName,
                () -> super.copyBlob(fromContainer, fromName, toContainer, toName, options));
        announce("ObjectCreated:Copy", toContainer, toName);
        return eTag;
    }

    @Override
    public String completeMultipartUpload(MultipartUpload mpu, List<MultipartPart> parts) {
        String eTag = writeLocks.underLock(mpu.containerName(), mpu.blobName(),
                () -> super.completeMultipartUpload(mpu, parts));
        announce("ObjectCreated:CompleteMultipartUpload", mpu.containerName(), mpu.blobName());
        return eTag;
    }

    private void announce(String eventName, String container, String key) {
        if (key.endsWith("/")) {
            return; // folder markers are not objects anyone waits for
        }
        BlobMetadata stored = delegate().blobMetadata(container, key);
        long size = stored == null || stored.getSize() == null ? 0 : stored.getSize();
        notifier.objectCreated(eventName, container, key, size, stored == null ? null : stored.getETag());
    }
}
