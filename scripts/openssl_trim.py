#!/usr/bin/env python3
"""Trims OpenSSL 3.0's default provider for the wasm engine (run by setup.sh
on a copy of the source, before Configure; its hash is part of the cache
key, see lib.sh).

Configure options cannot drop algorithms that every build has (AES modes,
KDFs, X25519/Ed448, key encoders ...), and the provider's algorithm tables
reference them all, so the linker keeps them. Verifying a seal needs far
less: digests (SHA-1 to report it as weak, SHA-2, SM3), HMAC (the
revocation list's keyed hashes), RSA/RSA-PSS/ECDSA/SM2 signature
verification and their key management without key generation, public-key
decoders, and a DRBG (CTR-DRBG over AES-ECB/CTR:
ECDSA and SM2 blind their arithmetic with random numbers). Every other
entry of those tables is removed here; the engine's tests (every corpus file,
byte-identical JSON to the native build) show nothing needed went with them.

It also seeds the DRBG from getentropy() under Emscripten (see below).

usage: openssl_trim.py OPENSSL_SOURCE_DIR
"""
import re
import sys
from pathlib import Path

# defltprov.c: entries `{ PROV_NAMES_X, ... },` or `ALG(PROV_NAMES_X, ...),`
# removed from each table, by name.
DROP = {
    "deflt_digests": r"SHA2_512_224|SHA2_512_256|SHA3_\d+|KECCAK_KMAC_128|KECCAK_KMAC_256|SHAKE_128|SHAKE_256|MD5|MD5_SHA1",
    "deflt_ciphers": r"(?!AES_(128|192|256)_(ECB|CTR)\b|NULL\b)\w+",
    "deflt_macs": r"GMAC|KMAC_128|KMAC_256",
    "deflt_kdfs": r"\w+",
    "deflt_keyexch": r"\w+",
    "deflt_rands": r"HASH_DRBG|HMAC_DRBG|TEST_RAND",
    "deflt_signature": r"ED25519|ED448|HMAC|SIPHASH",
    "deflt_asym_cipher": r"\w+",
    "deflt_asym_kem": r"\w+",
    "deflt_keymgmt": r"X25519|X448|ED25519|ED448|TLS1_PRF|HKDF|SCRYPT|HMAC|SIPHASH|CMAC",
}

# decoders.inc: only public keys (SubjectPublicKeyInfo) of the kinds a seal
# uses (the engine reads PEM itself). encoders.inc: none (it encodes no keys).
KEEP_DECODER = re.compile(r'DECODER(_w_structure)?\("(EC|SM2|RSA|RSA-PSS|DER)", der, SubjectPublicKeyInfo\b')


SM3_COMPACT = r"""void ossl_sm3_block_data_order(SM3_CTX *ctx, const void *p, size_t num)
{
    /* sealcheck: compact loop form (scripts/openssl_trim.py) */
#define SC_ROTL(x, n) ((SM3_WORD)(((x) << ((n) & 31)) | ((x) >> ((32 - ((n) & 31)) & 31))))
#define SC_P0(x) ((x) ^ SC_ROTL((x), 9) ^ SC_ROTL((x), 17))
#define SC_P1(x) ((x) ^ SC_ROTL((x), 15) ^ SC_ROTL((x), 23))
    const unsigned char *data = p;
    SM3_WORD W[68], A, B, C, D, E, F, G, H, SS1, SS2, TT1, TT2, T;
    int j;

    for (; num--; data += SM3_CBLOCK) {
        for (j = 0; j < 16; j++)
            W[j] = ((SM3_WORD)data[4 * j] << 24) | ((SM3_WORD)data[4 * j + 1] << 16)
                   | ((SM3_WORD)data[4 * j + 2] << 8) | (SM3_WORD)data[4 * j + 3];
        for (j = 16; j < 68; j++)
            W[j] = SC_P1(W[j - 16] ^ W[j - 9] ^ SC_ROTL(W[j - 3], 15))
                   ^ SC_ROTL(W[j - 13], 7) ^ W[j - 6];
        A = ctx->A; B = ctx->B; C = ctx->C; D = ctx->D;
        E = ctx->E; F = ctx->F; G = ctx->G; H = ctx->H;
        for (j = 0; j < 64; j++) {
            T = j < 16 ? 0x79cc4519UL : 0x7a879d8aUL;
            SS1 = SC_ROTL((SM3_WORD)(SC_ROTL(A, 12) + E + SC_ROTL(T, j)), 7);
            SS2 = SS1 ^ SC_ROTL(A, 12);
            if (j < 16) {
                TT1 = (A ^ B ^ C) + D + SS2 + (W[j] ^ W[j + 4]);
                TT2 = (E ^ F ^ G) + H + SS1 + W[j];
            } else {
                TT1 = ((A & B) | (A & C) | (B & C)) + D + SS2 + (W[j] ^ W[j + 4]);
                TT2 = ((E & F) | (~E & G)) + H + SS1 + W[j];
            }
            D = C; C = SC_ROTL(B, 9); B = A; A = TT1;
            H = G; G = SC_ROTL(F, 19); F = E; E = SC_P0(TT2);
        }
        ctx->A ^= A; ctx->B ^= B; ctx->C ^= C; ctx->D ^= D;
        ctx->E ^= E; ctx->F ^= F; ctx->G ^= G; ctx->H ^= H;
    }
#undef SC_ROTL
#undef SC_P0
#undef SC_P1
}
"""


def trim_table(text, table, names):
    start = text.index(f" {table}[] = {{")
    end = text.index("\n};", start)
    body = text[start:end]
    entry = re.compile(
        r"^[ \t]*(?:\{ *PROV_NAMES_(?:" + names + r")\b[^{}]*?\}|ALGC?\(PROV_NAMES_(?:" + names + r")\b[^;]*?\)),[ \t]*\n",
        re.M | re.S)
    trimmed, count = entry.subn("", body)
    if count == 0:
        sys.exit(f"openssl_trim: nothing removed from {table}: has the source changed?")
    return text[:start] + trimmed + text[end:], count


# X509v3 extension methods (X509V3_EXT_METHOD): decoding a certificate's
# extensions needs only each method's ASN.1 item. Their text conversions
# (i2s s2i i2v v2i i2r r2i) serve configuration files and printing, and
# keep the configuration parser, IP address parsing and policy text code
# linked. The six slots are set to 0 in every method table.
EXT_TEXT_CAST = re.compile(r"\(X509V3_EXT_(?:I2S|S2I|I2V|V2I|I2R|R2I)\)\s*[A-Za-z_]\w*")


def split_top(body):
    """The initializer's fields, split at commas outside () and {}."""
    fields, depth, cur = [], 0, ""
    for ch in body:
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        if ch == "," and depth == 0:
            fields.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        fields.append(cur)
    return fields


def trim_extension_methods(src):
    count = 0
    decl = re.compile(r"X509V3_EXT_METHOD\s+\w+(\[\])?\s*=\s*\{")
    files = sorted((src / "crypto" / "x509").glob("v3_*.c")) + [src / "crypto" / "ct" / "ct_x509v3.c"]
    for path in files:
        text = path.read_text()
        out, pos = "", 0
        for m in decl.finditer(text):
            start = m.end()  # just after the opening brace
            depth, i = 1, start
            while depth:
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            body = re.sub(r"/\*.*?\*/", "", text[start:i - 1], flags=re.S)
            if "#" in body:
                # Preprocessor lines inside (v3_sxnet.c): its functions are cast.
                out += text[pos:start] + EXT_TEXT_CAST.sub("0", body)
                pos = i - 1
                count += 1
                continue
            groups = [body] if not m.group(1) else re.findall(r"\{([^{}]*)\}", body)
            new_body = body
            for g in groups:
                fields = split_top(g)
                if len(fields) != 14:
                    sys.exit(f"openssl_trim: {path.name}: a method with {len(fields)} fields: has the source changed?")
                for k in range(7, 13):
                    fields[k] = " 0"
                new_body = new_body.replace(g, ",".join(fields), 1)
                count += 1
            out += text[pos:start] + new_body
            pos = i - 1
        path.write_text(out + text[pos:])
    header = src / "include" / "openssl" / "x509v3.h.in"
    text, n = EXT_TEXT_CAST.subn("0", header.read_text())
    if n != 6:
        sys.exit(f"openssl_trim: x509v3.h.in: {n} text conversions in the EXT_ macros, expected 6")
    header.write_text(text)
    if count != 28:
        sys.exit(f"openssl_trim: {count} extension methods found, expected 28: has the source changed?")
    return count


def main():
    src = Path(sys.argv[1])
    prov = src / "providers" / "defltprov.c"
    text = prov.read_text()
    total = 0
    for table, names in DROP.items():
        text, n = trim_table(text, table, names)
        total += n
    prov.write_text(text)

    # The legacy key-method tables: no X25519/X448/Ed25519/Ed448 (they keep
    # the curve code alive; the provider no longer offers them either).
    for rel, pattern in (("crypto/evp/pmeth_lib.c", r"^\s*ossl_(ecx25519|ecx448|ed25519|ed448)_pkey_method,\n"),
                         ("crypto/asn1/standard_methods.h", r"^\s*&ossl_(ecx25519|ecx448|ed25519|ed448)_asn1_meth,\n")):
        path = src / rel
        text, n = re.subn(pattern, "", path.read_text(), flags=re.M)
        if n != 4:
            sys.exit(f"openssl_trim: {rel}: {n} entries removed, expected 4: has the source changed?")
        path.write_text(text)

    # Verification only: no key generation, no key validation and no
    # signing in the key managers and signature implementations the engine
    # keeps, so the linker drops RSA and EC key generation, prime search,
    # key checks and the private key operations (the entries are optional
    # in a provider's table; certificates' keys are never "validated").
    verify_only = re.compile(
        r"^[ \t]*\{ *OSSL_FUNC_(?:KEYMGMT_GEN\w*|KEYMGMT_VALIDATE|SIGNATURE_(?:SIGN|SIGN_INIT|DIGEST_SIGN_\w+))\b,[^}]*\},[ \t]*\n", re.M)
    for rel, expected in (("providers/implementations/keymgmt/rsa_kmgmt.c", 12),
                          ("providers/implementations/keymgmt/ec_kmgmt.c", 14),
                          ("providers/implementations/signature/rsa_sig.c", 5),
                          ("providers/implementations/signature/ecdsa_sig.c", 5),
                          ("providers/implementations/signature/sm2_sig.c", 5)):
        path = src / rel
        text, n = verify_only.subn("", path.read_text())
        if n != expected:
            sys.exit(f"openssl_trim: {rel}: {n} entries removed, expected {expected}: has the source changed?")
        path.write_text(text)

    # Entropy from the browser without a file system: getentropy() is
    # Emscripten's crypto.getRandomValues() (at most 256 bytes a call), so
    # the engine links without Emscripten's FS layer (no /dev/urandom).
    rand = src / "providers" / "implementations" / "rands" / "seeding" / "rand_unix.c"
    text = rand.read_text()
    head = "static ssize_t syscall_random(void *buf, size_t buflen)\n{\n"
    if text.count(head) != 1:
        sys.exit("openssl_trim: rand_unix.c: no syscall_random: has the source changed?")
    text = text.replace(head, head + """#if defined(__EMSCRIPTEN__)
    {
        extern int getentropy(void *buffer, size_t length);
        size_t n = buflen > 256 ? 256 : buflen;

        return getentropy(buf, n) == 0 ? (ssize_t)n : -1;
    }
#endif
""")
    rand.write_text(text)

    # SM3's compression function, fully unrolled in OpenSSL (a sixth of a
    # typical engine's crypto code), as the compact loop of GB/T 32905-2016.
    # Checked against the standard's test vectors by the engine tests.
    sm3 = src / "crypto" / "sm3" / "sm3.c"
    text = sm3.read_text()
    start = text.find("void ossl_sm3_block_data_order(SM3_CTX *ctx, const void *p, size_t num)\n{")
    end = text.find("\n}\n", start)
    if start < 0 or end < 0:
        sys.exit("openssl_trim: sm3.c: no ossl_sm3_block_data_order: has the source changed?")
    text = text[:start] + SM3_COMPACT + text[end + 3:]
    sm3.write_text(text)

    # No IP addresses from text (configuration files and host checks, which
    # the engine never asks for): ipv4_from_asc's sscanf is what links the C
    # library's scanf and its float scanner, about 5 KB gzip.
    utl = src / "crypto" / "x509" / "v3_utl.c"
    text = utl.read_text()
    head = "int ossl_a2i_ipadd(unsigned char *ipout, const char *ipasc)\n{\n"
    if text.count(head) != 1:
        sys.exit("openssl_trim: v3_utl.c: no ossl_a2i_ipadd: has the source changed?")
    text = text.replace(head, head + "    /* sealcheck: no IP addresses from text (scripts/openssl_trim.py) */\n"
                        "    (void)ipout;\n    (void)ipasc;\n    return 0;\n#if 0\n")
    # ... the original body stays, compiled out, to the function's end.
    start = text.find(head)
    end = text.find("\n}\n", start)
    text = text[:end] + "\n#endif" + text[end:]
    utl.write_text(text)

    # No OSSL_STORE loaders (the "file:" scheme): the engine opens nothing.
    # (stores.inc, like the coder lists, is shared by the base provider.)
    stores = src / "providers" / "stores.inc"
    slines = stores.read_text().splitlines(keepends=True)
    stores.write_text("".join(l for l in slines if not l.startswith("STORE(")))

    dec = src / "providers" / "decoders.inc"
    lines = dec.read_text().splitlines(keepends=True)
    kept = [l for l in lines if not l.startswith("DECODER") or KEEP_DECODER.match(l)]
    dec.write_text("".join(kept))
    enc = src / "providers" / "encoders.inc"
    elines = enc.read_text().splitlines(keepends=True)
    ekept = [l for l in elines if not l.startswith("ENCODER")]
    enc.write_text("".join(ekept))
    methods = trim_extension_methods(src)
    print(f"openssl_trim: {total} provider entries, {len(lines) - len(kept)} decoders, "
          f"{len(elines) - len(ekept)} encoders removed; {methods} extension methods without text forms")


if __name__ == "__main__":
    main()
