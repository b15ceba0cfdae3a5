/**
 * Who may call what, the same in every service: Spring Security's resource server with bearer tokens that
 * {@code ./launchcast run} generates (local mode) or JWTs from an OIDC issuer such as Cognito (aws mode), and
 * one role per kind of caller. 401 and 403 are answered as problem details. See docs/adr/0093.
 */
package io.launchcast.platform.security;
