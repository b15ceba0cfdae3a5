package io.launchcast.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

class LocalTokensTest {

    @TempDir
    Path dir;

    @Test
    void tokensComeFromTheFileTheRunCommandWritesAndNameTheirRole() throws Exception {
        Path file = dir.resolve("tokens.properties");
        Files.writeString(file, "forecasting=abcdefghijklmnopqrstuvwx\nadmin=0123456789abcdef0123\n");

        LocalTokens tokens = new LocalTokens(Map.of(), file);

        assertThat(tokens.introspect("abcdefghijklmnopqrstuvwx").getName()).isEqualTo("local-forecasting");
        assertThat(tokens.introspect("0123456789abcdef0123").getAuthorities()).hasSize(Role.values().length);
        assertThatThrownBy(() -> tokens.introspect("abcdefghijklmnopqrstuvwy"))
                .isInstanceOf(BadOpaqueTokenException.class).hasMessageNotContaining("abcdefgh");
    }

    @Test
    void anEntryThatIsNoRoleOrAShortTokenIsRefusedNamingIt() {
        // what relaxed binding makes of LAUNCHCAST_SECURITY_TOKENS_FILE: an entry 'file' of the tokens map
        assertThatThrownBy(() -> new LocalTokens(Map.of("file", "/data/security/tokens.properties"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'file', which is no role");
        assertThatThrownBy(() -> new LocalTokens(Map.of("admin", "short"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than 16");
    }
}
