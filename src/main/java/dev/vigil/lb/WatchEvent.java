package dev.vigil.lb;

import com.fasterxml.jackson.databind.JsonNode;

/** One line of a watch, as the API server streams it: an object's change, a bookmark, or an error. */
sealed interface WatchEvent {
    /** An object was added, modified or deleted; {@code resourceVersion} is where a later watch resumes. */
    record Changed(ListWatch.Change change, JsonNode object, String resourceVersion) implements WatchEvent {
    }

    /** Nothing changed, but a later watch may resume at {@code resourceVersion}. */
    record Bookmark(String resourceVersion) implements WatchEvent {
    }

    /**
     * The watch failed; {@code code} 410 means its resource version is too old and only a new list helps.
     *
     * @param code    the Status's {@code code}, 0 when it has none
     * @param message the Status's {@code message}, or a note that it had none
     */
    record Failed(int code, String message) implements WatchEvent {
    }

    /**
     * The event {@code line} holds; fails, naming the watch, when it is no JSON event or its object has no
     * {@code metadata.resourceVersion}.
     */
    static WatchEvent parse(ApiTarget target, byte[] line) throws LbLookupException {
        JsonNode event = ApiAnswer.parse(target, line);
        String type = event.path("type").asText("");
        JsonNode object = event.path("object");
        if (type.equals("ERROR")) {
            String message = ApiAnswer.text(object, "message");
            return new Failed(object.path("code").asInt(0), message == null ? "no message" : message);
        }
        String version = ApiAnswer.text(object.path("metadata"), "resourceVersion");
        if (!object.isObject() || version == null) {
            throw new LbLookupException("an event of the watch on " + target.subject()
                    + " has no object with metadata.resourceVersion (type '" + type + "')");
        }
        return switch (type) {
            case "ADDED" -> new Changed(ListWatch.Change.ADDED, object, version);
            case "MODIFIED" -> new Changed(ListWatch.Change.MODIFIED, object, version);
            case "DELETED" -> new Changed(ListWatch.Change.DELETED, object, version);
            case "BOOKMARK" -> new Bookmark(version);
            default -> throw new LbLookupException("an event of the watch on " + target.subject()
                    + " has the unknown type '" + type + "'");
        };
    }
}
