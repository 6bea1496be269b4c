package dev.vigil.state;

import com.fasterxml.jackson.core.JsonParser;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.PendingNotification;
import dev.vigil.cert.CertChange;
import dev.vigil.cert.ChangeKind;
import dev.vigil.cert.CtFailure;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.cert.Issuance;
import dev.vigil.cert.Observation;
import dev.vigil.cert.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one state file, field by field, through a strict {@link JsonCursor}. One instance per read. */
final class StateReader {
    private final JsonCursor json;
    private final AlertReader alertReader;
    private final Path file;

    /** Reads {@code length} bytes from {@code in}, the content of {@code file}. */
    StateReader(JsonParser in, long length, Path file) {
        this.json = new JsonCursor(in, length, file);
        this.alertReader = new AlertReader(json);
        this.file = file;
    }

    VigilState read() throws IOException {
        return json.readDocument(this::readRoot);
    }

    private VigilState readRoot() throws IOException {
        json.startObject();
        if (!"format".equals(json.nextField())) {
            throw json.corrupt("$", "expected the field \"format\" first");
        }
        int format = json.integer();
        if (format > VigilState.FORMAT_VERSION) {
            throw new StateVersionException("state file " + file + " has format " + format
                    + ", newer than this Vigil reads (" + VigilState.FORMAT_VERSION
                    + "): upgrade Vigil or point --state-dir elsewhere");
        }
        if (format < 1) {
            throw json.corrupt(json.path(), "no such format: " + format);
        }
        Map<String, EndpointHistory> endpoints = null;
        List<AlertState> alerts = List.of();
        List<PendingNotification> outbox = List.of();
        long nextSequence = 1;
        List<Notification> incidents = List.of();
        Map<String, String> recentRuns = Map.of();
        for (String field; (field = json.nextField()) != null; ) {
            switch (field) {
                case "endpoints" -> endpoints = endpoints();
                case "alerts" -> alerts = json.list(alertReader::alert);
                case "outbox" -> outbox = json.list(alertReader::pending);
                case "nextSequence" -> nextSequence = json.longInteger();
                case "incidents" -> incidents = json.list(alertReader::notification);
                case "recentRuns" -> recentRuns = json.stringMap();
                default -> json.skipValue();
            }
        }
        endpoints = json.required(endpoints, "endpoints");
        try {
            return new VigilState(endpoints, alerts, outbox, nextSequence, incidents, recentRuns);
        } catch (IllegalArgumentException e) {
            throw json.corrupt(json.path(), e.getMessage());
        }
    }

    private Map<String, EndpointHistory> endpoints() throws IOException {
        json.startArray();
        Map<String, EndpointHistory> endpoints = new HashMap<>();
        while (json.nextElement()) {
            EndpointHistory history = endpoint();
            if (endpoints.putIfAbsent(history.endpoint().key(), history) != null) {
                throw json.corrupt(json.path(), "a second history for the endpoint " + history.endpoint().key());
            }
        }
        return endpoints;
    }

    private EndpointHistory endpoint() throws IOException {
        json.startObject();
        String host = null;
        Integer port = null;
        String serverName = null;
        List<String> probes = null;
        Optional<Integer> expiryWarned = null;
        Optional<Instant> ctQueriedAt = null;
        List<Issuance> ctIssuances = null;
        CtFailure ctFailure = null;
        List<Observation> observations = null;
        List<CertChange> changes = null;
        for (String field; (field = json.nextField()) != null; ) {
            switch (field) {
                case "host" -> host = json.string();
                case "port" -> port = json.integer();
                case "serverName" -> serverName = json.string();
                case "probes" -> probes = json.strings();
                case "expiryWarned" -> expiryWarned = json.nullable(json::integer);
                case "ctQueriedAt" -> ctQueriedAt = json.nullable(json::instant);
                case "ctIssuances" -> ctIssuances = json.list(this::issuance);
                case "ctFailure" -> ctFailure = ctFailure();
                case "observations" -> observations = json.list(this::observation);
                case "changes" -> changes = json.list(this::change);
                default -> json.skipValue();
            }
        }
        Endpoint endpoint;
        try {
            endpoint = new Endpoint(json.required(host, "host"), json.required(port, "port"),
                    json.required(serverName, "serverName"));
        } catch (IllegalArgumentException e) {
            throw json.corrupt(json.path(), e.getMessage());
        }
        return new EndpointHistory(endpoint, new LinkedHashSet<>(json.required(probes, "probes")),
                json.required(observations, "observations"), json.required(changes, "changes"),
                json.requiredNullable(expiryWarned, "expiryWarned"), json.requiredNullable(ctQueriedAt, "ctQueriedAt"),
                json.required(ctIssuances, "ctIssuances"), ctFailure);
    }

    /** Why CT lookups failed, since when; optional, as files written while they answered do not have it. */
    private CtFailure ctFailure() throws IOException {
        json.startObject();
        Instant since = null;
        String message = null;
        for (String field; (field = json.nextField()) != null; ) {
            switch (field) {
                case "since" -> since = json.instant();
                case "message" -> message = json.string();
                default -> json.skipValue();
            }
        }
        return new CtFailure(json.required(since, "since"), json.required(message, "message"));
    }

    private Issuance issuance() throws IOException {
        json.startObject();
        String serial = null;
        Instant notBefore = null;
        Instant notAfter = null;
        List<String> sans = null;
        for (String field; (field = json.nextField()) != null; ) {
            switch (field) {
                case "serial" -> serial = json.string();
                case "notBefore" -> notBefore = json.instant();
                case "notAfter" -> notAfter = json.instant();
                case "sans" -> sans = json.strings();
                default -> json.skipValue();
            }
        }
        // Files written before notAfter was kept have none: the certificate is then drawn without an end.
        return new Issuance(json.required(serial, "serial"), json.required(notBefore, "notBefore"),
                json.required(sans, "sans"), null, notAfter);
    }

    private Observation observation() throws IOException {
        json.startObject();
        String serial = null;
        String issuer = null;
        String subject = null;
        List<String> sans = null;
        Instant notBefore = null;
        Instant notAfter = null;
        String sha256 = null;
        List<String> chainIssuers = null;
        Boolean verified = null;
        Instant firstSeen = null;
        Instant lastSeen = null;
        for (String field; (field = json.nextField()) != null; ) {
            switch (field) {
                case "serial" -> serial = json.string();
                case "issuer" -> issuer = json.string();
                case "subject" -> subject = json.string();
                case "sans" -> sans = json.strings();
                case "notBefore" -> notBefore = json.instant();
                case "notAfter" -> notAfter = json.instant();
                case "sha256" -> sha256 = json.unsharedString();
                case "chainIssuers" -> chainIssuers = json.strings();
                case "verified" -> verified = json.bool();
                case "firstSeen" -> firstSeen = json.instant();
                case "lastSeen" -> lastSeen = json.instant();
                default -> json.skipValue();
            }
        }
        return new Observation(json.required(serial, "serial"), json.required(issuer, "issuer"),
                json.required(subject, "subject"), json.required(sans, "sans"), json.required(notBefore, "notBefore"),
                json.required(notAfter, "notAfter"), json.required(sha256, "sha256"),
                json.required(chainIssuers, "chainIssuers"), json.required(verified, "verified"),
                json.required(firstSeen, "firstSeen"), json.required(lastSeen, "lastSeen"));
    }

    private CertChange change() throws IOException {
        json.startObject();
        Instant at = null;
        ChangeKind kind = null;
        Severity severity = null;
        String oldSerial = null;
        String newSerial = null;
        String message = null;
        for (String field; (field = json.nextField()) != null; ) {
            switch (field) {
                case "at" -> at = json.instant();
                case "kind" -> kind = json.id(ChangeKind::ofId, "change kind");
                case "severity" -> severity = json.id(Severity::ofId, "severity");
                case "oldSerial" -> oldSerial = json.string();
                case "newSerial" -> newSerial = json.string();
                case "message" -> message = json.string();
                default -> json.skipValue();
            }
        }
        return new CertChange(json.required(at, "at"), json.required(kind, "kind"),
                json.required(severity, "severity"), json.required(oldSerial, "oldSerial"),
                json.required(newSerial, "newSerial"), json.required(message, "message"));
    }
}
