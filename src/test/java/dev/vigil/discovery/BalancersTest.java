package dev.vigil.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.config.DiscoverySource;
import dev.vigil.lb.LbIngress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load balancers read from the objects whose status gives the hosts' addresses, named as alerts say them. */
class BalancersTest {
    @Test
    void eachIngressGatewayAndTheNamedTraefikServiceIsABalancerWithItsAddresses() {
        Balancers balancers = new Balancers();
        balancers.ingress(RouteObjects.json("{'metadata': {'namespace': 'shop', 'name': 'web'}, 'status':"
                + " {'loadBalancer': {'ingress': [{'ip': '203.0.113.7'}, {'hostname': 'a1.elb.example.net'}]}}}"));
        balancers.ingress(RouteObjects.json("{'metadata': {'namespace': 'shop', 'name': 'pending'}}"));
        balancers.gateway(RouteObjects.json("{'metadata': {'namespace': 'infra', 'name': 'public'}, 'status':"
                + " {'addresses': [{'type': 'IPAddress', 'value': '198.51.100.9'}, {'type': 'Hostname', 'value':"
                + " 'gw.example.net'}, {'type': 'example.com/NamedAddress', 'value': 'blue'}]}}"));
        DiscoverySource.ServiceRef traefik = new DiscoverySource.ServiceRef("kube-system", "traefik");
        balancers.service(RouteObjects.json("{'metadata': {'namespace': 'kube-system', 'name': 'traefik'}, 'status':"
                + " {'loadBalancer': {'ingress': [{'ip': '192.0.2.10'}]}}}"), traefik);
        balancers.service(RouteObjects.json("{'metadata': {'namespace': 'kube-system', 'name': 'kube-dns'}, 'status':"
                + " {'loadBalancer': {'ingress': [{'ip': '192.0.2.53'}]}}}"), traefik);

        assertEquals(Map.of(
                "ingress shop/web", List.of(new LbIngress("203.0.113.7", null), new LbIngress(null, "a1.elb.example.net")),
                "ingress shop/pending", List.of(),
                "gateway infra/public", List.of(new LbIngress("198.51.100.9", null), new LbIngress(null, "gw.example.net")),
                "service kube-system/traefik", List.of(new LbIngress("192.0.2.10", null))), balancers.all());
    }
}
