package io.descopefilter.emulator.internal.cli;

/** A command line that cannot be run; the message says which argument is wrong. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
