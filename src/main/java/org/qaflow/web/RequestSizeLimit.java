package org.qaflow.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.qaflow.problem.RequestTooLarge;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies larger than any legitimate call needs (the biggest are rule files) with a 413 saying what the
 * limit is. A declared Content-Length over the limit is refused before anything reads the body; a body without one
 * (chunked) is counted as it is read and refused the moment it passes the limit, so no framing lets a caller make the
 * server hold more than the limit in memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimit extends OncePerRequestFilter {

    /**
     * Evidence file uploads (API and assessment form) and CPD files (API and the staff page's CPD form), allowed the
     * evidence file limit plus 1 MB of framing.
     */
    private static final java.util.regex.Pattern FILE_UPLOAD = java.util.regex.Pattern.compile(
            "/(api|assessor)/claims/[^/]+/units/[^/]+/files|/api/staff/[^/]+/cpd/[^/]+/file|/provider/staff/[^/]+/cpd");

    private final DataSize defaultLimit;
    private final DataSize fileUploadLimit;
    private final ObjectMapper json;

    public RequestSizeLimit(@Value("${qaflow.max-request-size:2MB}") DataSize limit,
                            @Value("${qaflow.evidence.max-file-size:50MB}") DataSize maxFile, ObjectMapper json) {
        this.defaultLimit = limit;
        this.fileUploadLimit = DataSize.ofBytes(maxFile.toBytes() + DataSize.ofMegabytes(1).toBytes());
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        DataSize limit = FILE_UPLOAD.matcher(request.getRequestURI().substring(request.getContextPath().length()))
                .matches() && "POST".equals(request.getMethod()) ? fileUploadLimit : defaultLimit;
        if (request.getContentLengthLong() > limit.toBytes()) {
            refuse(request, response, "The request body is " + request.getContentLengthLong() + " bytes; "
                    + accepts(limit));
            return;
        }
        try {
            chain.doFilter(new Limited(request, limit.toBytes(), "The request body is over " + limit.toBytes()
                    + " bytes; " + accepts(limit)), response);
        } catch (IOException | ServletException | RuntimeException e) {
            RequestTooLarge tooLarge = RequestTooLarge.in(e);
            if (tooLarge == null || response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            refuse(request, response, tooLarge.getMessage());
        }
    }

    private String accepts(DataSize limit) {
        return "qaflow accepts at most " + limit.toBytes() + " bytes (" + limit.toKilobytes() + " KB) per request"
                + (limit == fileUploadLimit ? " uploading an evidence file (qaflow.evidence.max-file-size)" : "");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        if (!PageRequestErrors.isApi(request)) {
            // A page's form (an upload): the error page in the app's layout says it (PageErrors), not JSON. Marked
            // as a failed upload, so the error dispatch does not read the oversized upload again (and fail on it).
            request.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION,
                    new org.springframework.web.multipart.MultipartException(detail));
            response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value(), detail);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // Tell the client not to send the rest on this connection.
        response.setHeader("Connection", "close");
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The request with a body stream that counts what is read and stops at the limit. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private final String message;
        private ServletInputStream stream;
        private BufferedReader reader;

        Limited(HttpServletRequest request, long limit, String message) {
            super(request);
            this.limit = limit;
            this.message = message;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit, message);
            }
            return stream;
        }

        /**
         * The container parses a multipart body from its own stream, past this wrapper's count, up to the evidence
         * file limit (to a temporary file, not memory); a request allowed less is refused once its parts are known.
         */
        @Override
        public java.util.Collection<jakarta.servlet.http.Part> getParts() throws IOException, ServletException {
            java.util.Collection<jakarta.servlet.http.Part> parts = super.getParts();
            if (parts.stream().mapToLong(jakarta.servlet.http.Part::getSize).sum() > limit) {
                throw new RequestTooLarge(message);
            }
            return parts;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final String message;
        private long count;

        Counting(ServletInputStream in, long limit, String message) {
            this.in = in;
            this.limit = limit;
            this.message = message;
        }

        private int counted(int n) throws RequestTooLarge {
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new RequestTooLarge(message);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted(in.read(b, off, len));
        }

        @Override
        public int readLine(byte[] b, int off, int len) throws IOException {
            return counted(in.readLine(b, off, len));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
