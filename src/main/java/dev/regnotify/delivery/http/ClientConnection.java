package dev.regnotify.delivery.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.io.HttpMessageParser;
import org.apache.hc.core5.http.io.SessionInputBuffer;

/**
 * An HttpCore client connection that tells, without waiting, whether bytes no request asked for wait on it: a
 * receiver's second answer to one request would otherwise be read as the answer to the next request, and every later
 * answer one late. HttpCore reads ahead into a buffer of its own, which only its response parser is shown; so the
 * parser here notes that buffer.
 */
final class ClientConnection extends DefaultBHttpClientConnection {

    private final NotingParser parser;
    private final Socket socket;
    private final Socket plain;

    /** The response parser, noting the connection's input buffer, which it is given with each response. */
    private static final class NotingParser implements HttpMessageParser<ClassicHttpResponse> {
        private final DefaultHttpResponseParser parser;
        private SessionInputBuffer buffer;

        NotingParser(Http1Config limits) {
            this.parser = new DefaultHttpResponseParser(limits);
        }

        @Override
        public ClassicHttpResponse parse(SessionInputBuffer input, InputStream stream)
                throws IOException, HttpException {
            this.buffer = input;
            return parser.parse(input, stream);
        }
    }

    private ClientConnection(Http1Config limits, NotingParser parser, Socket socket, Socket plain) {
        super(limits, null, null, null, null, null, config -> parser);
        this.parser = parser;
        this.socket = socket;
        this.plain = plain;
    }

    /**
     * @param socket the connected socket: a TLS one, or the plain one
     * @param plain the TCP socket (under TLS, the one TLS runs on)
     * @param limits the bounds of a response's head
     * @return a connection over the socket
     */
    static ClientConnection over(Socket socket, Socket plain, Http1Config limits) throws IOException {
        ClientConnection connection = new ClientConnection(limits, new NotingParser(limits), socket, plain);
        connection.bind(socket);
        return connection;
    }

    /**
     * Used on the thread of the attempt that holds the connection (or of the one taking it), never during an exchange.
     *
     * @return whether bytes wait that no request asked for: read ahead by HttpCore, decrypted by TLS, or arrived
     * @throws IOException when the socket is closed
     */
    boolean hasUnreadInput() throws IOException {
        SessionInputBuffer buffer = parser.buffer;
        // under TLS, bytes arrived and not yet decrypted may also be a TLS message of its own (a session ticket):
        // taken for an answer all the same, which costs a new connection and nothing else
        return buffer != null && buffer.length() > 0 || socket.getInputStream().available() > 0
                || plain != socket && plain.getInputStream().available() > 0;
    }
}
