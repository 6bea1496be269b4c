package dev.vigil.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages a broken or hostile server might send: each must end in a {@link DnsException} naming the problem. */
class DnsMessageHostileTest {
    @Test
    void shorterThanAHeader() {
        assertMalformed(new byte[5], "message of 5 bytes is shorter than a DNS header");
    }

    @Test
    void countsLargerThanTheData() {
        assertMalformed(header(1, 300).toByteArray(), "counts of 1 questions and 300 records do not fit in 12 bytes");
    }

    @Test
    void moreRecordsThanVigilReads() {
        assertMalformed(header(1, 4097).toByteArray(), "4097 answer and 0 authority records, more than the 4096 Vigil"
                + " reads");
    }

    @Test
    void recordCutOffAfterItsName() {
        DnsWriter message = question(header(1, 1)).name("x.example").u16(1).u16(1);
        assertMalformed(message.toByteArray(), "answer record at offset 38 runs past the end of the 42-byte message");
    }

    @Test
    void dataLengthPastTheEnd() {
        DnsWriter message = question(header(1, 1)).name("x.example").u16(1).u16(1).u32(60).u16(300).bytes(new byte[4]);
        assertMalformed(message.toByteArray(),
                "answer record data of 300 bytes at offset 48 runs past the end of the 52-byte message");
    }

    @Test
    void aRecordOfFiveBytes() {
        DnsWriter message = question(header(1, 1)).name("x.example").u16(1).u16(1).u32(60).u16(5).bytes(new byte[5]);
        assertMalformed(message.toByteArray(), "answer A record at offset 27 has 5 bytes of data, not 4");
    }

    @Test
    void aaaaRecordOfFourBytes() {
        DnsWriter message = question(header(1, 1)).name("x.example").u16(28).u16(1).u32(60).u16(4).bytes(new byte[4]);
        assertMalformed(message.toByteArray(), "answer AAAA record at offset 27 has 4 bytes of data, not 16");
    }

    @Test
    void cnameWhoseNameDoesNotFillItsData() {
        DnsWriter message = question(header(1, 1)).name("x.example").u16(5).u16(1).u32(60).u16(12).name("y.example")
                .u8(0);
        assertMalformed(message.toByteArray(),
                "answer CNAME record at offset 27: its name does not fill its 12 bytes of data");
    }

    @Test
    void soaWhosePrimaryNameRunsPastItsData() {
        DnsWriter message = question(header(1, 1)).name("x.example").u16(6).u16(1).u32(60).u16(3).name("ns.example");
        assertMalformed(message.toByteArray(),
                "answer SOA record at offset 27: its primary name runs past its 3 bytes of data");
    }

    @Test
    void pointerToItself() {
        assertMalformed(header(1, 0).u16(0xC000 | 12).u16(1).u16(1).toByteArray(), "compression loop at offset 12");
    }

    @Test
    void pointerBackIntoTheNameItEnds() {
        assertMalformed(header(1, 0).label("a").label("b").u16(0xC000 | 14).u16(1).u16(1).toByteArray(),
                "compression loop at offset 16");
    }

    @Test
    void loopThroughTwoPointersIsCaughtAtItsForwardPointer() {
        // The question's name points to the answer's, which points back to the question's: a loop needs a forward step.
        DnsWriter message = header(1, 1).label("a").u16(0xC000 | 20).u16(1).u16(1)
                .label("b").u16(0xC000 | 12).u16(1).u16(1).u32(0).u16(0);
        assertMalformed(message.toByteArray(), "forward compression pointer at offset 14 to 20");
    }

    @Test
    void forwardPointer() {
        assertMalformed(header(1, 0).u16(0xC000 | 20).u16(1).u16(1).bytes(new byte[8]).toByteArray(),
                "forward compression pointer at offset 12 to 20");
    }

    @Test
    void pointerCutOffByTheEnd() {
        assertMalformed(header(1, 0).label("abc").u8(0xC0).toByteArray(),
                "compression pointer at offset 16 cut off by the end");
    }

    @Test
    void labelLongerThan63() {
        assertMalformed(header(1, 0).u8(64).bytes(new byte[64]).u8(0).u16(1).u16(1).toByteArray(),
                "label length 64 over 63 at offset 12");
    }

    @Test
    void labelRunningPastTheEnd() {
        assertMalformed(header(1, 0).u8(40).bytes(new byte[10]).toByteArray(),
                "label at offset 12 runs past the end of the 23-byte message");
    }

    @Test
    void nameOver255Octets() {
        DnsWriter message = header(1, 0);
        for (int i = 0; i < 5; i++) {
            message.label("a".repeat(63));
        }
        assertMalformed(message.u8(0).u16(1).u16(1).toByteArray(), "name longer than 255 octets at offset 204");
    }

    @Test
    void nameOver255OctetsThroughPointers() {
        // Each name adds 63 octets to the previous one through a pointer: legal alone, too long by the fifth.
        DnsWriter message = header(0, 5);
        int previous = -1;
        for (int i = 0; i < 5; i++) {
            int start = message.size();
            message.label("a".repeat(63));
            if (previous < 0) {
                message.u8(0);
            } else {
                message.u16(0xC000 | previous);
            }
            previous = start;
            message.u16(99).u16(1).u32(0).u16(0);
        }
        assertMalformed(message.toByteArray(), "name longer than 255 octets at offset 12");
    }

    @Test
    void questionCutOffAfterItsName() {
        assertMalformed(header(1, 0).name("x.example").u16(1).toByteArray(),
                "question at offset 23 runs past the end of the 25-byte message");
    }

    @Test
    void unknownTypesAndOtherClassesAreSkipped() throws DnsException {
        DnsWriter message = question(header(1, 3)).name("x.example").u16(16).u16(1).u32(60).u16(3).bytes(new byte[3])
                .name("x.example").u16(1).u16(3).u32(60).u16(4).bytes(new byte[4])
                .name("x.example").u16(1).u16(1).u32(60).u16(4).bytes(new byte[] {(byte) 192, 0, 2, 1});

        byte[] bytes = message.toByteArray();
        assertEquals(List.of(new DnsRecord("x.example", RecordType.A, 60, "192.0.2.1")),
                DnsMessage.parse(bytes, bytes.length).answers());
    }

    @Test
    void ttlWithTheTopBitSetReadsAsZero() throws DnsException {
        byte[] bytes = question(header(1, 1)).name("x.example").u16(1).u16(1).u32(0x8000_0001L).u16(4)
                .bytes(new byte[4]).toByteArray();
        assertEquals(0, DnsMessage.parse(bytes, bytes.length).answers().getFirst().ttlSeconds());
    }

    @Test
    void soaFieldsAfterThePrimaryNameAreNotRead() throws DnsException {
        byte[] bytes = question(header(1, 1)).name("example").u16(6).u16(1).u32(60).u16(12).name("ns.example")
                .toByteArray();
        assertEquals("ns.example", DnsMessage.parse(bytes, bytes.length).answers().getFirst().data());
    }

    @Test
    void onlyTheGivenLengthIsRead() {
        byte[] bytes = question(header(1, 0)).toByteArray();
        assertThrows(DnsException.class, () -> DnsMessage.parse(bytes, bytes.length - 1));
    }

    private static DnsWriter header(int questions, int answers) {
        return new DnsWriter().u16(0x1234).u16(DnsMessage.FLAG_RESPONSE).u16(questions).u16(answers).u16(0).u16(0);
    }

    private static DnsWriter question(DnsWriter header) {
        return header.name("x.example").u16(1).u16(1);
    }

    private static void assertMalformed(byte[] bytes, String expected) {
        DnsException e = assertThrows(DnsException.class, () -> DnsMessage.parse(bytes, bytes.length));
        assertEquals(expected, e.getMessage());
    }
}
