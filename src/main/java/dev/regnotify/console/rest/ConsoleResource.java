package dev.regnotify.console.rest;

import java.io.IOException;
import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import dev.regnotify.console.ConsoleAnswer;
import dev.regnotify.console.ConsoleApi;
import dev.regnotify.console.ConsoleCall;
import dev.regnotify.console.ConsolePage;
import dev.regnotify.console.ConsoleSource;
import dev.regnotify.subscriptions.Subscriptions;

/**
 * The console in a Jakarta EE server: the page at the resource's path and the API at {@code api/} below it, with the
 * same answers as on the JDK's server ({@link ConsoleApi}, {@link ConsolePage}), behind the container's security
 * instead of tokens: role {@value #VIEWER_ROLE} reads, role {@value #OPERATOR_ROLE} may do everything. The
 * application gives it its path, in its own {@code Application}, as a CDI bean (the endpoints' {@link ConsoleSource}
 * is injected):
 *
 * <pre>{@code
 * @Path("console")
 * @ApplicationScoped
 * public class RegistryConsole extends ConsoleResource {
 * }
 * }</pre>
 *
 * <p>With the application at {@code /}, that is {@code /console/} and {@code /console/api/...}. Authentication is
 * the container's (a security constraint on {@code /console/*} with BASIC, say): a request without a user is answered
 * {@code 401 unauthorized}, one whose user is in neither role {@code 403 forbidden}, a viewer's {@code POST} or
 * {@code DELETE} {@code 403 forbidden}, and one that changes something sent by a browser from another site
 * {@code 403 cross-origin} (the container's credentials go with every request a browser makes).
 *
 * <p>No path of its own, so that no server deploys it unasked: a class of a library's jar annotated {@code @Path}
 * would join every application of the WAR that lists no classes of its own. Application-scoped, so that the endpoints'
 * state is watched across requests; requests run on the server's threads, never on a delivery thread.
 *
 * @since 0.4
 */
public abstract class ConsoleResource {

    /** The role that reads: every {@code GET}. */
    public static final String VIEWER_ROLE = "regnotify-viewer";
    /** The role that may also change: replay, purge, enable, disable, replay since. */
    public static final String OPERATOR_ROLE = "regnotify-operator";

    private static final String API = "api/";

    private final ConsolePage page = ConsolePage.load();
    private volatile ConsoleApi api;

    /**
     * Takes what the console shows and does; CDI calls it once, with the library's {@code ConsoleSource} and
     * {@code Subscriptions} beans, so that {@code api/subscriptions} is served too.
     *
     * @param source what the console shows and does
     * @param subscriptions the subscriptions its API creates, lists, changes and deletes
     */
    @Inject
    protected void serve(ConsoleSource source, Subscriptions subscriptions) {
        this.api = ConsoleApi.of(source, subscriptions);
    }

    /**
     * The resource's own path: a request for it never reaches a method with a path of its own (Jakarta REST matches
     * the rest of the path, {@code /} or none, only with methods without one). Only {@code GET}: another method there
     * gets the server's own {@code 405}.
     *
     * @param uri the request's URI
     * @param security the request's security context
     * @param headers the request's headers
     * @return the page, or {@code 404 not-found} without the slash (its relative links need it)
     * @throws IOException if the request cannot be read
     */
    @GET
    public Response page(@Context UriInfo uri, @Context SecurityContext security, @Context HttpHeaders headers)
            throws IOException {
        return answer("GET", "", uri, security, headers, null);
    }

    /**
     * @param path the path below the resource's, URL-encoded
     * @param uri the request's URI
     * @param security the request's security context
     * @param headers the request's headers
     * @return the page's file or the API's answer
     * @throws IOException if the request cannot be read
     */
    @GET
    @Path("{path: .*}")
    public Response get(@Encoded @PathParam("path") String path, @Context UriInfo uri,
            @Context SecurityContext security, @Context HttpHeaders headers) throws IOException {
        // a GET's body is left to the server: only its declared length is checked
        return answer("GET", path, uri, security, headers, null);
    }

    /**
     * @param path the path below the resource's, URL-encoded
     * @param uri the request's URI
     * @param security the request's security context
     * @param headers the request's headers
     * @param body the request's body: read, up to a bound (a subscription's JSON; other paths take none)
     * @return the API's answer
     * @throws IOException if the request cannot be read
     */
    @POST
    @Path("{path: .*}")
    public Response post(@Encoded @PathParam("path") String path, @Context UriInfo uri,
            @Context SecurityContext security, @Context HttpHeaders headers, InputStream body) throws IOException {
        return answer("POST", path, uri, security, headers, body);
    }

    /**
     * @param path the path below the resource's, URL-encoded
     * @param uri the request's URI
     * @param security the request's security context
     * @param headers the request's headers
     * @param body the request's body: read, up to a bound (a subscription's JSON; other paths take none)
     * @return the API's answer
     * @throws IOException if the request cannot be read
     */
    @DELETE
    @Path("{path: .*}")
    public Response delete(@Encoded @PathParam("path") String path, @Context UriInfo uri,
            @Context SecurityContext security, @Context HttpHeaders headers, InputStream body) throws IOException {
        return answer("DELETE", path, uri, security, headers, body);
    }

    /**
     * @param path the path below the resource's, URL-encoded
     * @param uri the request's URI
     * @param security the request's security context
     * @param headers the request's headers
     * @param body the request's body: read, up to a bound (a subscription's JSON; other paths take none)
     * @return the API's answer: {@code 405 method-not-allowed} with the methods the path takes, as on the JDK's server
     * @throws IOException if the request cannot be read
     */
    @PUT
    @Path("{path: .*}")
    public Response put(@Encoded @PathParam("path") String path, @Context UriInfo uri,
            @Context SecurityContext security, @Context HttpHeaders headers, InputStream body) throws IOException {
        return answer("PUT", path, uri, security, headers, body);
    }

    /**
     * @param path the path below the resource's, URL-encoded
     * @param uri the request's URI
     * @param security the request's security context
     * @param headers the request's headers
     * @param body the request's body: read, up to a bound (a subscription's JSON; other paths take none)
     * @return the API's answer: {@code 405 method-not-allowed} with the methods the path takes, as on the JDK's server
     * @throws IOException if the request cannot be read
     */
    @PATCH
    @Path("{path: .*}")
    public Response patch(@Encoded @PathParam("path") String path, @Context UriInfo uri,
            @Context SecurityContext security, @Context HttpHeaders headers, InputStream body) throws IOException {
        return answer("PATCH", path, uri, security, headers, body);
    }

    private Response answer(String method, String path, UriInfo uri, SecurityContext security, HttpHeaders headers,
            InputStream body) throws IOException {
        ConsoleAnswer answer;
        // the server may have taken the last slash off: api/ is the API's root, not a file of the page
        if (path.startsWith(API) || path.equals("api")) {
            answer = api().answer(new ConsoleCall(method, path.substring(Math.min(API.length(), path.length())),
                    uri.getRequestUri().getRawQuery(), new ContainerCaller(security, method,
                    headers.getHeaderString("Sec-Fetch-Site"), headers.getHeaderString("Origin"), uri.getRequestUri()),
                    headers.getHeaderString(HttpHeaders.CONTENT_LENGTH), body));
        } else {
            // the page's relative links need its root with the slash: /console is no page, as on the JDK's server
            boolean root = !path.isEmpty() || uri.getAbsolutePath().getRawPath().endsWith("/");
            answer = page.answer(method, root ? path : null);
        }
        Response.ResponseBuilder response = Response.status(answer.status());
        answer.headers().forEach(response::header);
        return response.entity(answer.body()).build();
    }

    private ConsoleApi api() {
        ConsoleApi served = api;
        if (served == null) {
            throw new IllegalStateException(getClass().getName() + " has no ConsoleSource: make it a CDI bean "
                    + "(@ApplicationScoped), so that the container injects the endpoints' source");
        }
        return served;
    }
}
