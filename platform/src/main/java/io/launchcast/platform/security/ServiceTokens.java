package io.launchcast.platform.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Properties;

/**
 * The bearer token a service sends when it calls another service as {@code role}: the configured one, else
 * (local mode) the suite's generated one from {@code launchcast.security.tokens} or its tokens file, read on each
 * call because the suite may write the file after this service started.
 */
public final class ServiceTokens {

    private ServiceTokens() {
    }

    public static String token(SecurityProperties security, String role, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (security.tokens().containsKey(role)) {
            return security.tokens().get(role);
        }
        if (security.tokensFile() != null) {
            Properties tokens = new Properties();
            try (Reader in = Files.newBufferedReader(security.tokensFile(), StandardCharsets.UTF_8)) {
                tokens.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the tokens file " + security.tokensFile(), e);
            }
            return tokens.getProperty(role, "");
        }
        return "";
    }
}
