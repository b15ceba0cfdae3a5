/** Events: the services' queues with their dead-letter queues, landing notifications, the approval rule. */
package io.launchcast.infra.events;
