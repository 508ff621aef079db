package io.descopefilter.core.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JDK Flight Recorder: A request renewing its expired session with the refresh JWT. Costs nothing unless a recording enables it. */
@Name("io.descopefilter.Refresh")
@Label("Session Refresh")
@Category({"Descope Filter"})
@Description("A request renewing its expired session with the refresh JWT.")
@StackTrace(false)
public final class JfrRefresh extends jdk.jfr.Event {

    @Label("Succeeded")
    public boolean succeeded;

    @Label("Failure")
    public String failure;
}
