package io.descopefilter.core.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JDK Flight Recorder: A link landing or enchanted poll, from the request to the installed session or the refusal. Costs nothing unless a recording enables it. */
@Name("io.descopefilter.SignIn")
@Label("Sign-in")
@Category({"Descope Filter"})
@Description("A link landing or enchanted poll, from the request to the installed session or the refusal.")
@StackTrace(false)
public final class JfrSignIn extends jdk.jfr.Event {

    @Label("Method")
    public String method;

    @Label("Signed In")
    public boolean signedIn;

    @Label("Refusal")
    public String refusal;
}
