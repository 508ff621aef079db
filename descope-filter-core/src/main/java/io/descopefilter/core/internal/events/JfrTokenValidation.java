package io.descopefilter.core.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JDK Flight Recorder: A JWT checked in full (signature and claims): the cold path, not a verified-token cache hit. Costs nothing unless a recording enables it. */
@Name("io.descopefilter.TokenValidation")
@Label("Token Validation")
@Category({"Descope Filter"})
@Description("A JWT checked in full (signature and claims): the cold path, not a verified-token cache hit.")
@StackTrace(false)
public final class JfrTokenValidation extends jdk.jfr.Event {

    @Label("Token Kind")
    public String tokenKind;

    @Label("Valid")
    public boolean valid;

    @Label("Rejection")
    public String rejection;
}
