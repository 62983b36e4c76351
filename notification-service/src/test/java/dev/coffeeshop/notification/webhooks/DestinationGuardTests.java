package dev.coffeeshop.notification.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffeeshop.notification.webhooks.DestinationGuard.RefusedDestinationException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationGuardTests {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.9.9.9",
                "::1",
                "10.0.0.5",
                "172.16.0.1",
                "172.31.255.254",
                "192.168.1.1",
                "169.254.169.254",
                "169.254.0.1",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "fec0::1",
                "100.64.0.1",
                "100.127.255.254",
                "0.0.0.0",
                "0.1.2.3",
                "::",
                "224.0.0.1",
                "ff02::1",
                "240.0.0.1",
                "255.255.255.255",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "64:ff9b::10.0.0.1"
            })
    void findsAnAddressInsideTheShopsNetworkInternal(String address) throws Exception {
        assertThat(DestinationGuard.internal(InetAddress.getByName(address))).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"})
    void findsAPublicAddressFine(String address) throws Exception {
        assertThat(DestinationGuard.internal(InetAddress.getByName(address))).isNull();
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsInternal() {
        // given a name that resolves to a public and a private address (a rebinding trick)
        var guard = new DestinationGuard(
                List.of(), resolving(Map.of("hooks.example", new String[] {"93.184.216.34", "10.1.2.3"})));

        // when / then
        assertThatThrownBy(() -> guard.check(URI.create("https://hooks.example/x")))
                .isInstanceOf(RefusedDestinationException.class)
                .hasMessageContaining("a private address 10.1.2.3");
    }

    @Test
    void letsAHostWithOnlyPublicAddressesThrough() {
        var guard = new DestinationGuard(
                List.of(), resolving(Map.of("hooks.example", new String[] {"93.184.216.34", "2606:4700::1111"})));

        assertThatCode(() -> guard.check(URI.create("https://hooks.example/x"))).doesNotThrowAnyException();
    }

    @Test
    void letsAnAllowListedHostThroughWithoutResolvingIt() {
        var guard = new DestinationGuard(List.of("localhost:9999", "receiver"), host -> {
            throw new AssertionError("resolved " + host);
        });

        assertThatCode(() -> guard.check(URI.create("http://localhost:9999/hooks")))
                .doesNotThrowAnyException();
        assertThatCode(() -> guard.check(URI.create("http://RECEIVER:8080/hooks")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnAllowListedHostOnAnotherPort() {
        var guard = new DestinationGuard(List.of("localhost:9999"));

        assertThatThrownBy(() -> guard.check(URI.create("http://localhost:9998/hooks")))
                .isInstanceOf(RefusedDestinationException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void refusesOtherSchemesCredentialsAndHostsThatDoNotResolve() {
        var guard = new DestinationGuard(List.of(), resolving(Map.of()));

        assertThatThrownBy(() -> guard.check(URI.create("file:///etc/passwd")))
                .isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> guard.check(URI.create("gopher://hooks.example/")))
                .isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> guard.check(URI.create("https://user:pw@hooks.example/")))
                .isInstanceOf(RefusedDestinationException.class)
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.example/")))
                .isInstanceOf(RefusedDestinationException.class)
                .hasMessageContaining("does not resolve");
    }

    @Test
    void refusesALiteralLoopbackOrMetadataAddressInTheUrl() {
        var guard = new DestinationGuard(List.of("localhost"));

        assertThatThrownBy(() -> guard.check(URI.create("http://[::1]:8080/")))
                .isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://169.254.169.254/latest/meta-data/")))
                .isInstanceOf(RefusedDestinationException.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://2130706433/")))
                .as("127.0.0.1 as a decimal number")
                .isInstanceOf(RefusedDestinationException.class);
    }

    private static DestinationGuard.Resolver resolving(Map<String, String[]> names) {
        return host -> {
            String[] addresses = names.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByName(addresses[i]);
            }
            return resolved;
        };
    }
}
