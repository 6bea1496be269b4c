package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule has a bad file under {@code src/test/resources/config/bad/} and the exact errors it must produce. */
class BadConfigTest {
    private static final Path BAD = Path.of("src/test/resources/config/bad");
    /** Every bad file writes its secrets as, or with, this; no error may show it. */
    private static final String SECRET = "SECRETPART";
    private static final ConfigLoader LOADER = new ConfigLoader(
            Map.of("API_TOKEN", "s3cr3t", "EMPTY", "", "HTTP_HOOK", "http://hooks.example/T000/" + SECRET)::get, () -> "vigil-test");
    private static final String NOT_A_DOMAIN =
            "is not a DNS name like example.co.uk: two or more dot-separated labels of letters, digits and '-'";
    private static final String NOT_A_CT_URL = "url must be an absolute http:// or https:// URL with a host, e.g. https://crt.sh/";
    private static final String NOT_A_RESOLVER = "is not an IP address[:port] (a resolver must be an IP address, not a host name)";
    private static final String NOT_A_HOSTNAME = "is not a DNS name like lb-1.elb.example.net: two or more dot-separated labels"
            + " of letters, digits and '-'";
    private static final String NOT_A_KUBERNETES_NAME = "is not a Kubernetes name: at most 63 lowercase letters, digits and '-',"
            + " starting and ending with a letter or digit";
    private static final String NOT_AN_API_URL = "apiUrl must be an absolute https:// URL with a host, e.g. https://k8s.example:6443";
    private static final String HTTP2_RESOLVERS = "HTTP/2 probes cannot be pinned to an address, and dns.resolvers pin"
            + " connections to the addresses they return; pinned probes speak HTTP/1.1";
    private static final String NO_EXPECTED_SOURCE = "expect needs addresses, a hostname or a kubernetesService";
    private static final String REFERENCES_ONLY = "${…} references are only allowed in header values and in the secrets"
            + " of outputs (webhookUrl, a webhook's url, an Alertmanager's urls, password, bearerToken)";
    private static final String NOT_A_SLACK_URL = "webhookUrl must be an absolute https:// URL with a host,"
            + " e.g. https://hooks.slack.com/services/T000/B000/XXXX";
    private static final String NOT_A_WEBHOOK_URL = "url must be an absolute http:// or https:// URL with a host,"
            + " e.g. https://alerts.example.com/vigil";
    private static final String EMPTY_OR_CONTROL = "must not be empty nor contain control characters such as line breaks";

    static Stream<Arguments> badFiles() {
        return Stream.of(
                bad("unknown-key-suggestion",
                        "3:57: $.probes[0].timeot: unknown key 'timeot' (did you mean 'timeout'?)"),
                bad("unknown-key-no-suggestion",
                        "3:57: $.probes[0].colour: unknown key 'colour'"),
                bad("duplicate-key",
                        "6:7: $.probes[0].url: duplicate key 'url' (first at line 5)"),
                bad("syntax-error",
                        "3:21: $.probes[0].name: invalid JSON: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"),
                bad("unclosed-object",
                        "5:1: $.probes: invalid JSON: Unexpected end-of-input: expected close marker for Object"
                                + " (start marker at line 1, column 1)"),
                bad("empty-file",
                        "1:1: $: the file is empty; expected a JSON object"),
                bad("trailing-garbage",
                        "6:1: $: unexpected content after the end of the document"),
                bad("wrong-type",
                        "3:76: $.probes[0].followRedirects: expected a boolean, got string",
                        "3:94: $.probes[0].headers: expected an object, got array"),
                bad("bad-duration",
                        "3:69: $.probes[0].interval: '30 seconds' is not a duration; write e.g. 500ms, 30s, 5m, 1h30m or 7d"),
                bad("zero-duration",
                        "3:68: $.probes[0].timeout: '0s' must be positive"),
                bad("timeout-exceeds-interval",
                        "4:69: $.probes[0].interval: timeout 15s exceeds interval 10s"),
                bad("bad-url",
                        "3:29: $.probes[0].url: url 'api.example.com/healthz' is not absolute; write e.g. https://host/path"),
                bad("credentials-in-url",
                        "3:29: $.probes[0].url: url must not contain credentials (user:password@); send an Authorization"
                                + " header whose value references a secret, e.g. \"Bearer ${TOKEN}\""),
                bad("http2-pinned",
                        "3:72: $.probes[0].httpVersion: HTTP/2 probes cannot be pinned to an address (resolve overrides or an IP"
                                + " family); pinned probes speak HTTP/1.1",
                        "4:72: $.probes[1].httpVersion: HTTP version must be \"1.1\" or \"2\", got '3'"),
                bad("non-http-scheme",
                        "3:31: $.probes[0].url: url 'ftp://files.example.com/' must use http or https, not ftp"),
                bad("tls-url-with-path",
                        "3:30: $.probes[0].url: a tls:// target is only tls://host:port, without a path, query or fragment:"
                                + " tls://mail.example.com:25/inbox"),
                bad("starttls-on-https",
                        "3:69: $.probes[0].starttls: starttls needs a tls:// url, but url is 'https://www.example.com/'"),
                bad("starttls-unknown",
                        "3:68: $.probes[0].starttls: unknown STARTTLS protocol 'smtps'; expected one of smtp, imap, pop3,"
                                + " ftp, ldap, postgres"),
                bad("http-key-on-tls-probe",
                        "4:92: $.probes[0].expectStatus: expectStatus applies to http(s) probes only; this probe's url is"
                                + " 'tls://mail.example.com'",
                        "4:114: $.probes[0].maxBodySize: maxBodySize applies to http(s) probes only; this probe's url is"
                                + " 'tls://mail.example.com'"),
                bad("starttls-in-defaults",
                        "2:17: $.defaults.starttls: 'starttls' is not allowed in defaults: it belongs to a probe with a"
                                + " tls:// url"),
                bad("missing-name",
                        "3:5: $.probes[0]: missing required key 'name'"),
                bad("duplicate-probe-name",
                        "4:15: $.probes[1].name: duplicate probe name 'api' (first used at line 3)"),
                bad("bad-status-range",
                        "3:79: $.probes[0].expectStatus[1]: status range must lie within 100-599 with from <= to, got 299-200",
                        "3:90: $.probes[0].expectStatus[2]: not a status code or range like 200-299: '2xx'"),
                bad("bad-regex",
                        "3:79: $.probes[0].failIfBodyMatches[0]: invalid regex '(unclosed': Unclosed group near index 9"),
                bad("bad-label-name",
                        "6:19: $.probes[0].labels['team-name']: label name 'team-name' must match [a-zA-Z_][a-zA-Z0-9_]*",
                        "6:37: $.probes[0].labels.__meta: label name '__meta' is reserved: names starting with '__' are internal",
                        "6:52: $.probes[0].labels.probe: label name 'probe' is reserved; Vigil sets it itself",
                        "6:72: $.probes[0].labels.ok: expected a string, got number"),
                bad("warn-below-crit",
                        "3:78: $.probes[0].tls.warnDays: warnDays (3) must be at least critDays (7)"),
                bad("missing-ca-file",
                        "3:76: $.probes[0].tls.caFile: caFile 'no-such-ca.pem' is not a readable file"
                                + " (relative paths resolve against the config file's folder)"),
                bad("not-a-pem",
                        "3:76: $.probes[0].tls.caFile: caFile 'not-a-certificate.pem' holds no usable PEM certificate: "
                                + "not a PEM certificate bundle (No certificate data found)"),
                bad("insecure-with-ca-file",
                        "4:78: $.probes[0].tls.insecure: insecure and caFile contradict each other:"
                                + " insecure never verifies, so caFile would be ignored"),
                bad("https-redirect-on-https",
                        "3:80: $.probes[0].expectHttpsRedirect: expectHttpsRedirect needs an http:// URL,"
                                + " but url is 'https://api.example.com/'"),
                bad("missing-env-var",
                        "3:87: $.probes[0].headers.Authorization: environment variable 'MISSING_TOKEN' is not set"),
                bad("cert-unknown-key",
                        "4:17: $.probes[0].cert.expiryWarning: unknown key 'expiryWarning' (did you mean 'expiryWarnings'?)",
                        "4:61: $.probes[0].cert.renewalWindow.fractoin: unknown key 'fractoin' (did you mean 'fraction'?)",
                        "5:37: $.probes[0].cert.duplicateLimit.capasity: unknown key 'capasity' (did you mean 'capacity'?)",
                        "5:62: $.probes[0].cert.ct.enable: unknown key 'enable' (did you mean 'enabled'?)",
                        "5:78: $.probes[0].cert.ct.proxy: unknown key 'proxy'"),
                bad("cert-wrong-type",
                        "2:25: $.defaults.cert: expected an object, got array",
                        "5:26: $.probes[0].cert.track: expected a boolean, got string",
                        "5:64: $.probes[0].cert.renewalWindow.fraction: expected a number, got string",
                        "5:91: $.probes[0].cert.expiryWarnings: expected an array, got string",
                        "6:47: $.probes[0].cert.duplicateLimit.warnAt: expected an integer, got number",
                        "6:74: $.probes[0].cert.registeredDomain: expected a string, got number",
                        "6:84: $.probes[0].cert.ct: expected an object, got boolean"),
                bad("cert-fraction-out-of-range",
                        "3:98: $.probes[0].cert.renewalWindow.fraction: renewal window fraction must be in (0, 1], got 0.0",
                        "4:98: $.probes[1].cert.renewalWindow.fraction: renewal window fraction must be in (0, 1], got 1.5"),
                bad("cert-bad-default",
                        "2:58: $.defaults.cert.renewalWindow.fraction: renewal window fraction must be in (0, 1], got 2.0"),
                bad("cert-capacity-below-one",
                        "3:99: $.probes[0].cert.duplicateLimit.capacity: must be at least 1, got 0"),
                bad("cert-warn-at-out-of-range",
                        "4:112: $.probes[0].cert.duplicateLimit.warnAt: warnAt (5) must be less than capacity (5)",
                        "5:97: $.probes[1].cert.duplicateLimit.warnAt: must not be negative, got -1",
                        "6:104: $.probes[2].cert.registeredDomainLimit.warnAt: warnAt (20) must be less than capacity (20)",
                        "7:99: $.probes[3].cert.duplicateLimit.capacity: warnAt (2) must be less than capacity (2)"),
                bad("cert-bad-mode",
                        "3:95: $.probes[0].cert.duplicateLimit.mode: mode must be one of token_bucket, fixed_window; got 'leaky_bucket'"),
                bad("cert-bad-duration",
                        "4:46: $.probes[0].cert.renewalWindow.before: '30 days' is not a duration; write e.g. 500ms, 30s, 5m, 1h30m or 7d",
                        "4:89: $.probes[0].cert.duplicateLimit.refill: '0s' must be positive",
                        "4:105: $.probes[0].cert.duplicateLimit.window: '-1h' must be positive; write e.g. 500ms, 30s, 5m, 1h30m or 7d",
                        "5:40: $.probes[0].cert.ct.minInterval: '1w' is not a duration; write e.g. 500ms, 30s, 5m, 1h30m or 7d",
                        "5:57: $.probes[0].cert.ct.timeout: '0ms' must be positive"),
                bad("cert-expiry-warnings-not-whole-days",
                        "3:93: $.probes[0].cert.expiryWarnings[1]: expiry warning '36h' is not a whole number of days; write e.g. 7d",
                        "3:100: $.probes[0].cert.expiryWarnings[2]: expiry warning '1d1m' is not a whole number of days; write e.g. 7d"),
                bad("cert-expiry-warnings-empty",
                        "3:85: $.probes[0].cert.expiryWarnings: expiryWarnings must list at least one duration"),
                bad("cert-expiry-warnings-duplicate",
                        "5:36: $.probes[0].cert.expiryWarnings[1]: duplicate expiry warning of 7 days (first at line 4)",
                        "5:50: $.probes[0].cert.expiryWarnings[3]: duplicate expiry warning of 7 days (first at line 4)"),
                bad("cert-limit-issuers",
                        "3:83: $.probes[0].cert.limitIssuers: limitIssuers must name at least one issuer organisation, e.g. \"Let's Encrypt\"",
                        "4:83: $.probes[1].cert.limitIssuers: expected an array, got string",
                        "6:51: $.probes[2].cert.limitIssuers[1]: an issuer organisation must not be blank",
                        "6:56: $.probes[2].cert.limitIssuers[2]: expected a string, got number",
                        "6:59: $.probes[2].cert.limitIssuers[3]: duplicate issuer 'let's encrypt' (first at line 6)"),
                bad("cert-bad-registered-domain",
                        "3:83: $.probes[0].cert.registeredDomain: registeredDomain 'example' " + NOT_A_DOMAIN,
                        "4:83: $.probes[1].cert.registeredDomain: registeredDomain '-bad.example.com' " + NOT_A_DOMAIN,
                        "5:83: $.probes[2].cert.registeredDomain: registeredDomain '192.168.0.1' " + NOT_A_DOMAIN,
                        "6:83: $.probes[3].cert.registeredDomain: registeredDomain 'exa_mple.com' " + NOT_A_DOMAIN,
                        "7:83: $.probes[4].cert.registeredDomain: registeredDomain 'example.com.' " + NOT_A_DOMAIN),
                bad("cert-bad-ct-url", // never quoted: the third and fourth hold a password
                        "3:78: $.probes[0].cert.ct.url: " + NOT_A_CT_URL,
                        "4:78: $.probes[1].cert.ct.url: " + NOT_A_CT_URL,
                        "5:78: $.probes[2].cert.ct.url: url must not contain credentials (user:password@)",
                        "6:78: $.probes[3].cert.ct.url: " + NOT_A_CT_URL,
                        "7:78: $.probes[4].cert.ct.url: " + NOT_A_CT_URL),
                bad("dns-unknown-key",
                        "4:16: $.probes[0].dns.resolver: unknown key 'resolver' (did you mean 'resolvers'?)",
                        "4:42: $.probes[0].dns.authorative: unknown key 'authorative' (did you mean 'authoritative'?)",
                        "5:28: $.probes[0].dns.expect.address: unknown key 'address' (did you mean 'addresses'?)",
                        "5:77: $.probes[0].dns.expect.kubernetesService: missing required key 'namespace'",
                        "5:79: $.probes[0].dns.expect.kubernetesService.namespce: unknown key 'namespce' (did you mean 'namespace'?)",
                        "5:121: $.probes[0].dns.expect.kubernetesService.token: unknown key 'token'"),
                bad("dns-wrong-type",
                        "2:24: $.defaults.dns: expected an object, got array",
                        "5:29: $.probes[0].dns.resolvers: expected an array, got string",
                        "5:58: $.probes[0].dns.authoritative: expected a boolean, got string",
                        "5:91: $.probes[0].dns.expect.addresses[0]: expected a string, got number",
                        "5:109: $.probes[0].dns.expect.hostname: expected a string, got number",
                        "6:99: $.probes[1].dns.expect.kubernetesService: expected an object, got string"),
                bad("dns-resolver-host-name",
                        "3:92: $.probes[0].dns.resolvers[1]: 'dns.google' " + NOT_A_RESOLVER,
                        "3:106: $.probes[0].dns.resolvers[2]: 'one.one.one.one:53' " + NOT_A_RESOLVER),
                bad("dns-bad-resolver",
                        "4:30: $.probes[0].dns.resolvers[0]: bad port '99999' in '10.0.0.3:99999': must be 1-65535",
                        "4:48: $.probes[0].dns.resolvers[1]: bad port '' in '10.0.0.3:': must be 1-65535",
                        "4:61: $.probes[0].dns.resolvers[2]: '[2001:db8::53' " + NOT_A_RESOLVER,
                        "4:78: $.probes[0].dns.resolvers[3]: bad port 'dns' in '[2001:db8::53]:dns': must be 1-65535",
                        "4:100: $.probes[0].dns.resolvers[4]: '999.1.1.1' " + NOT_A_RESOLVER,
                        "4:113: $.probes[0].dns.resolvers[5]: 'fe80::1%eth0' " + NOT_A_RESOLVER,
                        "4:129: $.probes[0].dns.resolvers[6]: '' " + NOT_A_RESOLVER),
                bad("dns-bad-max-addresses",
                        "2:42: $.defaults.dns.maxAddresses: must be at least 1, got 0",
                        "4:82: $.probes[0].dns.maxAddresses: must be at most 256, got 4000: each address is probed"
                                + " with a connection of its own on every run",
                        "5:82: $.probes[1].dns.maxAddresses: expected an integer, got string"),
                bad("dns-http2-resolvers",
                        "4:75: $.probes[0].dns.resolvers: " + HTTP2_RESOLVERS,
                        "5:68: $.probes[1].httpVersion: " + HTTP2_RESOLVERS),
                bad("dns-expect-address-not-ip",
                        "4:57: $.probes[0].dns.expect.addresses[1]: 'lb-123.elb.example.net' is not an IP address",
                        "4:83: $.probes[0].dns.expect.addresses[2]: '203.0.113.256' is not an IP address",
                        "4:100: $.probes[0].dns.expect.addresses[3]: '[2001:db8::7]' is not an IP address"),
                bad("dns-bad-hostname",
                        "3:90: $.probes[0].dns.expect.hostname: 'lb_1.example.net' " + NOT_A_HOSTNAME,
                        "4:90: $.probes[1].dns.expect.hostname: '203.0.113.7' " + NOT_A_HOSTNAME),
                bad("dns-empty-expect", // the third has a source, just a bad one
                        "3:76: $.probes[0].dns.expect: " + NO_EXPECTED_SOURCE,
                        "4:76: $.probes[1].dns.expect: " + NO_EXPECTED_SOURCE,
                        "5:92: $.probes[2].dns.expect.hostname: 'bad_name.example' " + NOT_A_HOSTNAME),
                bad("dns-kubernetes-missing-names", // the defaults may leave the name to each probe
                        "2:59: $.defaults.dns.expect.kubernetesService: missing required key 'name'",
                        "6:131: $.probes[2].dns.expect.kubernetesService: missing required key 'name'"),
                bad("dns-kubernetes-bad-names",
                        "4:64: $.probes[0].dns.expect.kubernetesService.namespace: namespace 'Ingress' " + NOT_A_KUBERNETES_NAME,
                        "4:83: $.probes[0].dns.expect.kubernetesService.name: name '-traefik' " + NOT_A_KUBERNETES_NAME,
                        "6:64: $.probes[1].dns.expect.kubernetesService.namespace: namespace 'ingress.nginx' " + NOT_A_KUBERNETES_NAME,
                        "6:89: $.probes[1].dns.expect.kubernetesService.name: name '"
                                + "a123456789b123456789c123456789d123456789e123456789f123456789g123' " + NOT_A_KUBERNETES_NAME),
                bad("dns-kubernetes-bad-api-url", // never quoted: the third and fourth hold a password
                        "3:150: $.probes[0].dns.expect.kubernetesService.apiUrl: " + NOT_AN_API_URL,
                        "4:150: $.probes[1].dns.expect.kubernetesService.apiUrl: " + NOT_AN_API_URL,
                        "5:150: $.probes[2].dns.expect.kubernetesService.apiUrl: apiUrl must not contain credentials (user:password@)",
                        "6:150: $.probes[3].dns.expect.kubernetesService.apiUrl: " + NOT_AN_API_URL),
                bad("dns-kubernetes-bad-files",
                        "3:153: $.probes[0].dns.expect.kubernetesService.tokenFile: tokenFile 'no-such-token' is not a readable file"
                                + " (relative paths resolve against the config file's folder)",
                        "3:180: $.probes[0].dns.expect.kubernetesService.caFile: caFile 'no-such-ca.pem' is not a readable file"
                                + " (relative paths resolve against the config file's folder)",
                        "4:176: $.probes[1].dns.expect.kubernetesService.caFile: caFile 'not-a-certificate.pem' holds no usable"
                                + " PEM certificate: not a PEM certificate bundle (No certificate data found)"),
                bad("dns-bad-default",
                        "2:52: $.defaults.dns.expect.addresses[0]: 'lb.example.net' is not an IP address"),
                bad("alerts-bad-values",
                        "4:37: $.outputs.alerts.failureThreshold: must be at least 1, got 0",
                        "4:60: $.outputs.alerts.successThreshold: must be at least 1, got -1",
                        "4:82: $.outputs.alerts.repeatInterval: '0s' must be positive, or never for no reminders",
                        "4:103: $.outputs.alerts.minInterval: 'never' is not a duration; write e.g. 500ms, 30s, 5m, 1h30m or 7d"),
                bad("outputs-not-object",
                        "2:14: $.outputs: expected an object, got array"),
                bad("outputs-unknown-key",
                        "4:56: $.outputs.pushgateway.intervall: unknown key 'intervall' (did you mean 'interval'?)",
                        "4:89: $.outputs.pushgateway.basicAuth: missing required key 'username'",
                        "4:91: $.outputs.pushgateway.basicAuth.usrname: unknown key 'usrname' (did you mean 'username'?)",
                        "5:15: $.outputs.slack[0]: missing required key 'webhookUrl'",
                        "5:35: $.outputs.slack[0].webhookURL: unknown key 'webhookURL' (did you mean 'webhookUrl'?)",
                        "6:72: $.outputs.webhooks[0].mention: unknown key 'mention'",
                        "7:17: $.outputs.alerts.failureTreshold: unknown key 'failureTreshold' (did you mean 'failureThreshold'?)",
                        "8:5: $.outputs.slak: unknown key 'slak' (did you mean 'slack'?)"),
                bad("outputs-wrong-type",
                        "4:29: $.outputs.pushgateway.url: expected a string, got number",
                        "4:53: $.outputs.pushgateway.groupingLabels: expected an object, got array",
                        "4:77: $.outputs.pushgateway.deleteOnShutdown: expected a boolean, got string",
                        "4:96: $.outputs.pushgateway.basicAuth: expected an object, got string",
                        "5:14: $.outputs.slack: expected an array, got object",
                        "6:18: $.outputs.webhooks[0]: expected an object, got string",
                        "6:72: $.outputs.webhooks[1].url: expected a string, got number",
                        "6:87: $.outputs.webhooks[1].labels: expected an object, got array",
                        "7:37: $.outputs.alerts.failureThreshold: expected an integer, got number",
                        "7:54: $.outputs.alerts.renewals: expected a boolean, got string",
                        "7:79: $.outputs.alerts.repeatInterval: expected a string, got number"),
                bad("pushgateway-bad-compression",
                        "3:82: $.outputs.pushgateway.compression: compression must be one of gzip, none; got 'snappy'"),
                bad("pushgateway-bad-grouping-labels",
                        "4:25: $.outputs.pushgateway.groupingLabels['pod-name']: label name 'pod-name' must match [a-zA-Z_][a-zA-Z0-9_]*",
                        "4:48: $.outputs.pushgateway.groupingLabels.job: grouping label 'job' is set by the key job, not here",
                        "4:72: $.outputs.pushgateway.groupingLabels.zone: expected a string, got number"),
                bad("pushgateway-bad-job",
                        "3:74: $.outputs.pushgateway.job: job must not be empty"),
                bad("pushgateway-bad-url",
                        "3:40: $.outputs.pushgateway.url: url must be an absolute http:// or https:// URL with a host, e.g. http://pushgateway:9091"),
                bad("pushgateway-basic-and-bearer",
                        "4:69: $.outputs.pushgateway.bearerToken: basicAuth and bearerToken exclude each other: the Pushgateway gets one Authorization header"),
                bad("pushgateway-basic-auth-missing-password",
                        "3:80: $.outputs.pushgateway.basicAuth: missing required key 'password'"),
                bad("pushgateway-credentials-in-url",
                        "3:40: $.outputs.pushgateway.url: url must not contain credentials (user:password@)"),
                bad("pushgateway-missing-url",
                        "3:31: $.outputs.pushgateway: missing required key 'url'"),
                bad("pushgateway-timeout-exceeds-interval",
                        "3:96: $.outputs.pushgateway.timeout: timeout 10s exceeds interval 5s"),
                bad("pushgateway-url-with-query",
                        "3:40: $.outputs.pushgateway.url: url must not have a query or fragment: the job and groupingLabels make up the rest"),
                bad("pushgateway-username-with-colon",
                        "4:32: $.outputs.pushgateway.basicAuth.username: username must not contain ':' nor control characters"),
                bad("reference-outside-headers",
                        "3:77: $.probes[0].labels.team: " + REFERENCES_ONLY),
                bad("reference-outside-secrets",
                        "4:88: $.outputs.pushgateway.groupingLabels.instance: " + REFERENCES_ONLY,
                        "5:49: $.outputs.pushgateway.basicAuth.username: " + REFERENCES_ONLY,
                        "6:90: $.outputs.slack[0].mention: " + REFERENCES_ONLY),
                bad("route-bad-labels",
                        "4:84: $.outputs.webhooks[0].labels['team-name']: label name 'team-name' must match [a-zA-Z_][a-zA-Z0-9_]*",
                        "4:117: $.outputs.webhooks[0].labels.tier: expected a string, got number"),
                bad("route-bad-names",
                        "4:25: $.outputs.slack[0].name: name 'on call' may only contain letters, digits, '.', '_' and '-'",
                        "6:28: $.outputs.webhooks[0].name: duplicate route name 'oncall' (first used at line 5)",
                        "7:28: $.outputs.webhooks[1].name: name must not be empty"),
                bad("route-bad-severities",
                        "4:101: $.outputs.slack[0].severities[1]: severity must be one of info, warning, critical; got 'fatal'",
                        "4:110: $.outputs.slack[0].severities[2]: severity must be one of info, warning, critical; got 'Warning'",
                        "4:121: $.outputs.slack[0].severities[3]: duplicate severity 'critical'",
                        "5:88: $.outputs.slack[1].severities: severities must list at least one severity; leave it out to send all",
                        "6:90: $.outputs.webhooks[0].severities[1]: expected a string, got number"),
                bad("route-missing-keys",
                        "4:15: $.outputs.slack[0]: missing required key 'webhookUrl'",
                        "5:18: $.outputs.webhooks[0]: missing required key 'name'"),
                bad("secret-empty-or-control",
                        "4:71: $.outputs.pushgateway.bearerToken: bearerToken " + EMPTY_OR_CONTROL,
                        "5:49: $.outputs.slack[0].webhookUrl: webhookUrl " + EMPTY_OR_CONTROL,
                        "6:45: $.outputs.webhooks[0].url: url " + EMPTY_OR_CONTROL),
                bad("secret-unresolved-reference",
                        "4:104: $.outputs.pushgateway.basicAuth.password: environment variable 'PUSH_PASSWORD' is not set",
                        "5:49: $.outputs.slack[0].webhookUrl: cannot read file 'no-such-hook' referenced in webhookUrl (no such file)",
                        "6:45: $.outputs.webhooks[0].url: unterminated '${' reference in url"),
                bad("slack-mention-not-string",
                        "3:101: $.outputs.slack[0].mention: expected a string, got array"),
                bad("slack-webhook-not-https",
                        "4:50: $.outputs.slack[0].webhookUrl: " + NOT_A_SLACK_URL,
                        "5:53: $.outputs.slack[1].webhookUrl: " + NOT_A_SLACK_URL,
                        "6:51: $.outputs.slack[2].webhookUrl: " + NOT_A_SLACK_URL),
                bad("webhook-bad-url",
                        "4:42: $.outputs.webhooks[0].url: " + NOT_A_WEBHOOK_URL,
                        "5:50: $.outputs.webhooks[1].url: url must not contain credentials (user:password@)",
                        "6:48: $.outputs.webhooks[2].url: " + NOT_A_WEBHOOK_URL),
                bad("empty-probes",
                        "3:13: $.probes: probes must list at least one probe"),
                bad("missing-probes",
                        "1:1: $: missing required key 'probes'"),
                bad("name-in-defaults",
                        "2:17: $.defaults.name: 'name' is not allowed in defaults: every probe needs its own",
                        "2:32: $.defaults.url: 'url' is not allowed in defaults: every probe needs its own"),
                bad("defaults-not-object",
                        "2:15: $.defaults: expected an object, got array",
                        "4:68: $.probes[0].timeout: timeout 1s exceeds interval 500ms"),
                bad("bad-values",
                        "4:15: $.probes[0].name: name 'api v2' may only contain letters, digits, '.', '_' and '-'",
                        "6:17: $.probes[0].method: method 'get' must be an uppercase HTTP method such as GET or HEAD",
                        "7:22: $.probes[0].maxBodySize: '1MB' is not a size; write bytes as an integer or e.g. 512B, 64KiB, 1MiB",
                        "8:19: $.probes[0].ipFamily: ipFamily must be one of any, ipv4, ipv6; got 'IPv4'",
                        "9:28: $.probes[0].tls.critDays: must not be negative, got -1"),
                bad("several-errors",
                        "2:17: $.defaults.intervall: unknown key 'intervall' (did you mean 'interval'?)",
                        "2:48: $.defaults.timeout: '1x' is not a duration; write e.g. 500ms, 30s, 5m, 1h30m or 7d",
                        "4:57: $.probes[0].Timeout: unknown key 'Timeout' (did you mean 'timeout'?)",
                        "5:29: $.probes[1].url: url 'mailto:ops@example.com' must use http or https, not mailto",
                        "5:72: $.probes[1].expectStatus[0]: status range must lie within 100-599 with from <= to, got 700-700",
                        "6:15: $.probes[2].name: duplicate probe name 'api' (first used at line 4)",
                        "6:66: $.probes[2].tls.warnday: unknown key 'warnday' (did you mean 'warnDays'?)"));
    }

    @Test
    void aMissingFileIsOneErrorWithoutLocation() {
        Path file = BAD.resolve("no-such-config.json");

        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));

        assertEquals(file + ": $: cannot read the config file (no such file)", e.getMessage());
    }

    private static Arguments bad(String rule, String... expected) {
        return Arguments.of(rule, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void reportsEveryErrorWithItsLocation(String rule, List<String> expected) {
        Path file = BAD.resolve(rule + ".json");

        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));

        List<String> prefixed = expected.stream().map(line -> file + ":" + line).toList();
        assertEquals(prefixed, e.errors().stream().map(ConfigError::describe).toList());
        assertEquals(String.join("\n", prefixed), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e::getMessage);
    }
}
