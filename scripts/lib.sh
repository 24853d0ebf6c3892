# Shared by the scripts in this folder: one place for paths and settings.
# shellcheck shell=bash

say() { printf '\033[1m[sealcheck]\033[0m %s\n' "$*"; }

sealcheck_cache() {
  printf '%s\n' "${SEALCHECK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sealcheck}"
}

# OpenSSL's configuration for the wasm engine. Only libcrypto is built; the
# protocol, socket, engine and loader layers are out, and so are the ciphers
# and digests a seal verifier never meets. SM2/SM3 stay (SM2 seals need them).
SEALCHECK_OPENSSL_OPTIONS=(
  no-asm no-threads no-shared no-dso no-engine no-sock no-ui-console
  no-afalgeng no-tests no-stdio no-autoload-config no-legacy no-module
  no-deprecated no-err
  no-aria no-bf no-camellia no-cast no-idea no-md2 no-md4 no-mdc2
  no-rc2 no-rc4 no-rc5 no-seed no-whirlpool no-srp no-ocb no-siphash
  no-ec2m no-comp no-ssl3 no-tls1 no-tls1_1 no-dtls
  no-des no-dh no-dsa no-ocsp no-ct no-srtp no-scrypt no-rfc3779 no-psk
  no-chacha no-poly1305 no-blake2 no-sm4 no-siv no-cmac no-ssl-trace
  no-rmd160 no-filenames no-async no-multiblock no-secure-memory
  # No start-up filling of the legacy name tables: it links every cipher.
  # (The engine maps digest OIDs itself; OpenSSL fetches by name.)
  no-autoalginit
  # 64-bit-limb P-256/P-384/P-521 field code (wasm has i64; __int128 is
  # emulated): several times faster ECDSA verification than the generic code.
  enable-ec_nistp_64_gcc_128
  # Seeded by getentropy() (openssl_trim.py), never /dev/urandom: no FS layer.
  --with-rand-seed=getrandom
)
SEALCHECK_OPENSSL_CFLAGS="-Oz -flto"
# NO_GZIP: PDF streams are zlib-wrapped, never gzip; inflate then no longer
# links crc32 and its tables.
SEALCHECK_ZLIB_CFLAGS="-Oz -flto -DZ_HAVE_UNISTD_H -DNO_GZIP"

# expat for the OFD reader: namespaces on (OFD's elements are namespaced),
# parameter entities and external DTDs off. The reader refuses any DOCTYPE
# before expat reads a declaration, so entities never reach expansion.
# No entropy source of its own (Emscripten 3.1.6 has no getrandom): the
# reader gives every parser its hash salt from getentropy().
SEALCHECK_EXPAT_CFLAGS="-Oz -flto -DXML_NS=1 -DXML_CONTEXT_BYTES=1024 -DBYTEORDER=1234 -DXML_POOR_ENTROPY=1 -DXML_STATIC=1"

# The configuration is part of the cache key: change it and the library is
# rebuilt beside the old one.
sealcheck_lib_key() {  # openssl|zlib|expat
  case $1 in
    openssl) printf '%s %s %s' "${SEALCHECK_OPENSSL_OPTIONS[*]}" "$SEALCHECK_OPENSSL_CFLAGS" \
               "$(sha256sum "$(dirname "${BASH_SOURCE[0]}")/openssl_trim.py" | cut -c1-64)" ;;
    zlib) printf '%s' "$SEALCHECK_ZLIB_CFLAGS" ;;
    expat) printf '%s' "$SEALCHECK_EXPAT_CFLAGS" ;;
  esac | sha256sum | cut -c1-12
}

# The wasm library's install prefix built by setup.sh for the current
# configuration, newest source version first; fails if there is none.
sealcheck_wasm_prefix() {  # openssl|zlib|expat
  local key d found=
  key=$(sealcheck_lib_key "$1")
  for d in "$(sealcheck_cache)/$1"-wasm-*-"$key"; do
    [ -d "$d" ] && found=$d
  done
  [ -n "$found" ] && printf '%s\n' "$found"
}

# The native build of the wasm OpenSSL configuration (setup.sh
# --with-native-openssl, for the benchmark), if there is one.
sealcheck_native_prefix() {
  local key d found=
  key=$(sealcheck_lib_key openssl)
  for d in "$(sealcheck_cache)"/openssl-native-*-"$key"; do
    [ -d "$d" ] && found=$d
  done
  [ -n "$found" ] && printf '%s\n' "$found"
}
