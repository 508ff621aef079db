package io.descopefilter.core.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JDK Flight Recorder: A fetch of the signing keys of the project (JWKS). Costs nothing unless a recording enables it. */
@Name("io.descopefilter.KeySetFetch")
@Label("Key Set Fetch")
@Category({"Descope Filter"})
@Description("A fetch of the signing keys of the project (JWKS).")
@StackTrace(false)
public final class JfrKeySetFetch extends jdk.jfr.Event {

    @Label("Succeeded")
    public boolean succeeded;

    @Label("Usable Keys")
    public int keys;
}
