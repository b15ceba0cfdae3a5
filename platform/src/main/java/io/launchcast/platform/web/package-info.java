/** HTTP concerns shared by every service: bounded request bodies, firewall rejections as problem details. */
package io.launchcast.platform.web;
