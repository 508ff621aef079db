package io.descopefilter.sample.launcher;

/** A port the launcher needs is taken by another process. */
public final class PortInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PortInUseException(String what, int port, String property, Throwable cause) {
        super("Port " + port + " (" + what + ") is already in use. Stop the program using it, or choose another "
                + "port with -D" + property + "=<port>.", cause);
    }
}
