/**
 * The object store port: where datasets, features, models and captured inferences live. Keys are plain
 * strings with '/' as separator; {@link io.launchcast.platform.objectstore.ObjectStore#uri(String)} gives the
 * s3:// URI that other services and AWS tools understand.
 */
package io.launchcast.platform.objectstore;
