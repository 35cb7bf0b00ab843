package dev.theater.chain;

/**
 * The worked example printed in theater-chain/README.md. These values were computed by python3
 * (struct + hashlib), independently of the Java code, and the tests check that Java agrees.
 */
final class ReadmeVector {
    static final String FIRST_HASH = "fb5db0ba062584b94db73cbec29ec2864aaed8892ba9a7ac3508dc0d03005399";
    static final String SECOND_BYTES = "0101fb5db0ba062584b94db73cbec29ec2864aaed8892ba9a7ac3508dc0d03005399"
            + "00000027746865617465723a73696d706c652f6d6573736167652d7365727665722d686f73742f73656e64"
            + "0000000a7b22746f223a2262227d" + "0000018bcfe56801" + "01" + "00000009" + "73656e6420746f2062";
    static final String SECOND_HASH = "39332a27d1398f079e84ef663db193ba78b83e3cf119f790523cba6d6b2ff314";

    private ReadmeVector() {
    }
}
