package dev.vigil.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * URLs of services Vigil talks to besides the probed one. No message quotes the URL: a malformed one may hold a
 * credential its parser could not find.
 */
final class Urls {
    private Urls() {
    }

    /**
     * {@code text} as an absolute URL with a host, one of {@code schemes} and no user info; throws
     * {@link IllegalArgumentException} naming {@code key} and showing {@code example} otherwise.
     */
    static URI absolute(String text, String key, List<String> schemes, String example) {
        return absolute(text, key, schemes, example, false);
    }

    /** {@link #absolute(String, String, List, String)}, allowing user info when {@code credentials} is set. */
    static URI absolute(String text, String key, List<String> schemes, String example, boolean credentials) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            url = null;
        }
        String scheme = url == null || url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an absolute "
                    + schemes.stream().map(s -> s + "://").collect(Collectors.joining(" or "))
                    + " URL with a host, e.g. " + example);
        }
        if (url.getRawUserInfo() != null && !credentials) {
            throw new IllegalArgumentException(key + " must not contain credentials (user:password@)");
        }
        return url;
    }
}
