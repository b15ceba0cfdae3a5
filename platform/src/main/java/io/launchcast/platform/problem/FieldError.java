package io.launchcast.platform.problem;

/**
 * One bad field of a request, as listed in a validation problem's {@code errors} extension.
 *
 * @param field path of the field in the request body or parameters, e.g. {@code products[2].launchDate}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
