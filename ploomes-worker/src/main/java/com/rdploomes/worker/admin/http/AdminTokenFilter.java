package com.rdploomes.worker.admin.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards /admin: {@code Authorization: Bearer <ADMIN_TOKEN>} for scripts, or HTTP Basic with the token as the password
 * (any user name) so a browser can log in. Because a browser resends Basic credentials on its own, a request that
 * changes something must also come from this origin: another site's page cannot make an operator's browser
 * replay or discard.
 */
class AdminTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenFilter.class);

    private final byte[] token;

    AdminTokenFilter(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!authorised(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            log.info("admin request refused: no valid token method={} path={} from={}", request.getMethod(),
                    request.getRequestURI(), request.getRemoteAddr());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"rd-ploomes admin\", charset=\"UTF-8\"");
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"rd-ploomes admin\"");
            problem(response, 401, "Unauthorized", "Send ADMIN_TOKEN as 'Authorization: Bearer <token>' or as the HTTP Basic password.");
            return;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()) && crossSite(request)) {
            log.warn("admin request refused: cross-site method={} path={} origin={}", request.getMethod(),
                    request.getRequestURI(), request.getHeader(HttpHeaders.ORIGIN));
            problem(response, 403, "Forbidden", "Changes to dead letters are accepted only from this server's own page or from scripts.");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean authorised(String header) {
        if (header == null) {
            return false;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return same(header.substring(7).trim());
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon >= 0 && same(decoded.substring(colon + 1));
            } catch (IllegalArgumentException notBase64) {
                return false;
            }
        }
        return false;
    }

    private boolean same(String candidate) {
        // constant time: the comparison must not tell how much of a guess was right
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader(HttpHeaders.HOST);
            String originHost = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return host == null || !host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":" + status + ",\"title\":\"" + title + "\",\"detail\":\"" + detail + "\"}");
    }
}
