package org.parley.base;

/** Input from outside (a form, an HTTP body, a webhook) that Parley refuses, with the reason. */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String reason) {
        super(reason);
    }
}
