/** Identities: the Cognito user pool whose groups are the services' roles, and its app client. */
package io.launchcast.infra.identity;
