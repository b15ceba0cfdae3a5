package io.launchcast.platform.objectstore.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Drops the {@code Expect: 100-continue} header the SDK adds to uploads. With the JDK's URL-connection client, a
 * server that answers or closes early during the 100-continue handshake surfaces as an
 * {@code UncheckedIOException} the SDK does not retry (seen under load against the S3 stand-in); without the
 * header an upload is one plain request, which the SDK retries like any other.
 */
public final class NoExpectContinue implements ExecutionInterceptor {

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return context.httpRequest().toBuilder().removeHeader("Expect").build();
    }
}
