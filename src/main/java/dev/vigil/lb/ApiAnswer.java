package dev.vigil.lb;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.net.BoundedBody;
import java.io.IOException;

/** What any answer of the API server says before its object is read: a refusal, a cut-off body, JSON or not. */
final class ApiAnswer {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ApiAnswer() {
    }

    /**
     * The JSON of a 200 answer whole; any other status, a body over {@code maxBytes} or one that is no JSON fails,
     * saying why and what to fix.
     */
    static JsonNode ok(ApiTarget target, int status, BoundedBody body, long maxBytes) throws LbLookupException {
        if (status != 200) {
            throw refusal(target, status, statusMessage(body));
        }
        if (body.truncated()) {
            throw new LbLookupException("the API server's answer for " + target.subject() + " is larger than "
                    + maxBytes / 1024 + " KiB");
        }
        return parse(target, body.bytes());
    }

    private static LbLookupException refusal(ApiTarget target, int status, String apiMessage) {
        String said = apiMessage == null ? "" : "; the API server said: " + apiMessage;
        return new LbLookupException(switch (status) {
            case 401 -> "the API server rejected the token from " + target.tokenFile()
                    + " (401): it is expired, revoked or for another cluster" + said;
            case 403 -> "forbidden (403): the service account needs `" + target.verb() + "` on `" + target.resource()
                    + "` in " + (target.namespace() == null ? "all namespaces — a ClusterRole"
                            : "namespace " + target.namespace() + " — a Role")
                    + " rule: apiGroups: [\"" + target.group() + "\"], resources: [\""
                    + target.resource() + "\"], verbs: [\"" + target.verb() + "\"]" + said;
            case 404 -> target.subject() + " not found (404)" + (apiMessage == null
                    ? ": the answer is no Kubernetes Status; is " + target.apiUrl() + " the API server?" : "");
            default -> "the API server at " + target.apiUrl() + " answered " + status + " for " + target.subject()
                    + said;
        });
    }

    static JsonNode parse(ApiTarget target, byte[] body) throws LbLookupException {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new LbLookupException("the API server's answer for " + target.subject() + " is not valid JSON: "
                    + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new LbLookupException("the API server's answer for " + target.subject() + " could not be read: "
                    + e.getMessage(), e);
        }
    }

    /** The {@code message} of a Kubernetes Status body, or null when the body is not one. */
    private static String statusMessage(BoundedBody body) {
        try {
            JsonNode status = JSON.readTree(body.bytes());
            return status != null && "Status".equals(status.path("kind").asText()) ? text(status, "message") : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A non-empty text field, or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
