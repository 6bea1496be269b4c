package dev.vigil.cert;

import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Which CA stands behind a certificate: the organisation of its issuer, so that one CA's intermediates (Let's
 * Encrypt R10, R11, E5) are one family; the whole issuer DN when it names no organisation; {@link #SELF_SIGNED}
 * when the certificate issued itself, as an ingress's default certificate does.
 */
final class IssuerFamily {
    static final String SELF_SIGNED = "self-signed";

    private IssuerFamily() {
    }

    static String of(Observation cert) {
        Optional<LdapName> issuer = parse(cert.issuer());
        boolean selfSigned = issuer.isPresent() ? issuer.equals(parse(cert.subject()))
                : cert.issuer().equals(cert.subject());
        return selfSigned ? SELF_SIGNED : ofIssuer(cert.issuer());
    }

    /** The family of a certificate known to be issued by a CA named {@code issuerDn}, as CT logs list one. */
    static String ofIssuer(String issuerDn) {
        return parse(issuerDn).flatMap(IssuerFamily::organization).orElse(issuerDn);
    }

    private static Optional<String> organization(LdapName name) {
        return name.getRdns().stream()
                .filter(rdn -> rdn.getType().equalsIgnoreCase("O"))
                .map(Rdn::getValue)
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .findFirst();
    }

    private static Optional<LdapName> parse(String dn) {
        try {
            return Optional.of(new LdapName(dn));
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
