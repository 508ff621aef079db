package io.descopefilter.core.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JDK Flight Recorder: One call to Descope's API, retries included. Costs nothing unless a recording enables it. */
@Name("io.descopefilter.DescopeCall")
@Label("Descope Call")
@Category({"Descope Filter"})
@Description("One call to Descope's API, retries included.")
@StackTrace(false)
public final class JfrDescopeCall extends jdk.jfr.Event {

    @Label("Kind")
    public String kind;

    @Label("Endpoint")
    @Description("Method and path; paths carry no token")
    public String endpoint;

    @Label("Outcome")
    public String outcome;

    @Label("HTTP Status")
    public int status;
}
