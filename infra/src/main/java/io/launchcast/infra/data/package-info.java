/** Storage: the data bucket (one, prefixed by concern, as the services expect), the logs bucket, the data key. */
package io.launchcast.infra.data;
