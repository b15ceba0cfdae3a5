/** Reading captured inferences in SageMaker's data-capture layout. */
package io.launchcast.monitor.capture;
