#!/usr/bin/env python3
"""Trims OpenSSL 3.0's default provider for the wasm engine (run by setup.sh
on a copy of the source, before Configure; its hash is part of the cache
key, see lib.sh).

Configure options cannot drop algorithms that every build has (AES modes,
KDFs, X25519/Ed448, key encoders ...), and the provider's algorithm tables
reference them all, so the linker keeps them. Verifying a seal needs far
less: digests (SHA-1 to report it as weak, SHA-2, SHA-3, SM3), HMAC (the
revocation list's keyed hashes), RSA/RSA-PSS/ECDSA/SM2 signatures and their
key management, public-key decoders, and a DRBG (CTR-DRBG over AES-ECB/CTR:
ECDSA and SM2 blind their arithmetic with random numbers). Every other
entry of those tables is removed here; the engine's tests (every corpus file,
byte-identical JSON to the native build) show nothing needed went with them.

usage: openssl_trim.py OPENSSL_SOURCE_DIR
"""
import re
import sys
from pathlib import Path

# defltprov.c: entries `{ PROV_NAMES_X, ... },` or `ALG(PROV_NAMES_X, ...),`
# removed from each table, by name.
DROP = {
    "deflt_digests": r"SHA2_512_224|SHA2_512_256|SHA3_224|KECCAK_KMAC_128|KECCAK_KMAC_256|SHAKE_128|SHAKE_256|MD5|MD5_SHA1",
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
# uses, and PEM to DER. encoders.inc: none (the engine encodes no keys).
KEEP_DECODER = re.compile(r'DECODER(_w_structure)?\("(EC|SM2|RSA|RSA-PSS|DER)", (der, SubjectPublicKeyInfo|pem, der)\b')


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
    print(f"openssl_trim: {total} provider entries, {len(lines) - len(kept)} decoders, "
          f"{len(elines) - len(ekept)} encoders removed")


if __name__ == "__main__":
    main()
