package nl.factorspel.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.InvalidKeyException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Capability tokens and the other random values: long and unguessable, and only ever stored as a
 * SHA-256 hash. Join codes avoid letters that are confused when read off a projector.
 */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private Tokens() {
    }

    /** A new token: 32 random bytes, URL-safe. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The projector token of a workshop, derived from its facilitator token (HMAC-SHA256): whoever holds
     * the facilitator's link can always get the projector link again, on any device, while the projector
     * token does not give the facilitator token away.
     */
    public static String projectorTokenFor(String facilitatorToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(facilitatorToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] derived = mac.doFinal("factorspel projector".getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(derived);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A join code of 8 characters from 32: about 10^12 codes, far beyond guessing at the join rate limit. */
    public static String newJoinCode() {
        return random(JOIN_ALPHABET, 8);
    }

    public static String newId(int length) {
        return random(ID_ALPHABET, length);
    }

    private static String random(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
