package dev.vigil.dns;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.testing.DnsResponseWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated messages, from fixed seeds so a failure repeats: the parser must return or throw a
 * {@link DnsException}, and quickly.
 */
class DnsMessageFuzzTest {
    private static final long[] SEEDS = {1, 42, 20_260_101, 0xDEADBEEFL};
    private static final int MESSAGES_PER_SEED = 15_000;
    private static final String[] LABELS = {"www", "api", "example", "com", "net", "lb", "a", "cdn", "x1"};

    @Test
    void parserOnlyReturnsOrThrowsDnsException() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (long seed : SEEDS) {
                Random random = new Random(seed);
                for (int i = 0; i < MESSAGES_PER_SEED; i++) {
                    byte[] message = mutate(random, validResponse(random));
                    try {
                        DnsMessage.parse(message, message.length);
                    } catch (DnsException expected) {
                        // A clear refusal is fine.
                    } catch (RuntimeException | Error e) {
                        fail("seed " + seed + " message " + i + ": " + HexFormat.of().formatHex(message), e);
                    }
                }
            }
        });
    }

    private static byte[] validResponse(Random random) {
        List<DnsRecord> answers = new ArrayList<>();
        List<DnsRecord> authority = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            answers.add(record(random));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            authority.add(record(random));
        }
        return DnsResponseWriter.encode(random.nextInt(0x10000), DnsMessage.FLAG_RESPONSE | random.nextInt(6),
                name(random), RecordType.values()[random.nextInt(RecordType.values().length)].code, answers, authority);
    }

    private static DnsRecord record(Random random) {
        RecordType type = RecordType.values()[random.nextInt(RecordType.values().length)];
        String data = switch (type) {
            case A -> (random.nextInt(223) + 1) + ".0.2." + random.nextInt(256);
            case AAAA -> "2001:db8::" + Integer.toHexString(random.nextInt(0x10000));
            default -> name(random);
        };
        return new DnsRecord(name(random), type, random.nextInt(86_400), data);
    }

    private static String name(Random random) {
        StringBuilder name = new StringBuilder(LABELS[random.nextInt(LABELS.length)]);
        for (int i = random.nextInt(4); i > 0; i--) {
            name.append('.').append(LABELS[random.nextInt(LABELS.length)]);
        }
        return name.toString();
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] message = valid.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    message[random.nextInt(message.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> message = Arrays.copyOf(message, random.nextInt(message.length));
            case 2 -> {
                // A count in the header, or any two octets that may be a record's data length.
                int at = random.nextBoolean() ? 4 + 2 * random.nextInt(4) : random.nextInt(message.length - 1);
                int value = random.nextBoolean() ? random.nextInt(0x10000) : random.nextInt(16);
                message[at] = (byte) (value >>> 8);
                message[at + 1] = (byte) value;
            }
            case 3 -> {
                int at = 12 + random.nextInt(message.length - 13);
                int target = random.nextInt(message.length + 16);
                message[at] = (byte) (0xC0 | (target >>> 8));
                message[at + 1] = (byte) target;
            }
            case 4 -> {
                message = new byte[random.nextInt(600)];
                random.nextBytes(message);
            }
            default -> {
                // Random octets over the part after the header, keeping the header's counts.
                for (int i = 12 + random.nextInt(message.length - 12); i < message.length; i++) {
                    message[i] = (byte) random.nextInt(256);
                }
            }
        }
        return message;
    }
}
