/** Small stream utilities the services share (e.g. counting bytes read for progress against an object's size). */
package io.launchcast.platform.io;
