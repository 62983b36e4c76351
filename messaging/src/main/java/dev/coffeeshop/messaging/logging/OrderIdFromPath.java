package dev.coffeeshop.messaging.logging;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the order a request is about ({@code /orders/{id}}, {@code /orders/{id}/cancel},
 * {@code /orders/{id}/notifications}, {@code /staff/.../orders/{id}}) into the log context for as long as the request
 * is handled, so that whatever the services log while answering it carries {@code order.id}. A new order has no id in
 * its path: the cashier puts it there once it has made one.
 */
final class OrderIdFromPath extends OncePerRequestFilter {

    private static final Pattern ORDER_IN_PATH = Pattern.compile(
            "/orders/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:/|$)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String orderId = orderId(request.getRequestURI());
        if (orderId == null) {
            chain.doFilter(request, response);
            return;
        }
        try (var context = OrderLogContext.order(orderId)) {
            chain.doFilter(request, response);
        }
    }

    /** The order id in {@code path}, or null when it names none. */
    static @Nullable String orderId(@Nullable String path) {
        if (path == null) {
            return null;
        }
        var matcher = ORDER_IN_PATH.matcher(path);
        return matcher.find() ? matcher.group(1).toLowerCase(java.util.Locale.ROOT) : null;
    }
}
