#!/usr/bin/env bash
# Idempotent set-up for a Debian 12 machine: system packages (apt), JS packages
# (npm ci from the committed lock file), and OpenSSL 3, zlib and expat built for
# WebAssembly from Debian *source packages* into a cache outside the work tree.
#
# Nothing is downloaded except through apt and npm. A second run only checks
# and finishes in seconds.
#
# Environment:
#   SEALCHECK_CACHE  where the wasm libraries are cached
#                    (default: ${XDG_CACHE_HOME:-$HOME/.cache}/sealcheck)
#   SEALCHECK_SKIP_APT=1  do not touch system packages (non-root machines that
#                    already have them)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
# shellcheck source=scripts/lib.sh
. "$here/lib.sh"

t0=$(date +%s)

# ---------------------------------------------------------------- apt ------
# Keep this list in one place: README and docs/BUILD.md refer to it.
apt_packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  g++ clang libclang-rt-14-dev
  libssl-dev zlib1g-dev libexpat1-dev libgtest-dev
  libcairo2-dev libpango1.0-dev fonts-noto-cjk libsqlite3-dev sqlite3
  poppler-utils qpdf libnss3-tools mupdf-tools faketime
  shellcheck clang-format
  emscripten binaryen
  nodejs npm python3
  chromium
  dpkg-dev
)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' \
      || printf '%s\n' "$p"
  done
}

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
}

if [ "${SEALCHECK_SKIP_APT:-0}" != 1 ]; then
  # node may already come from elsewhere (NodeSource); do not fight it.
  pkgs=("${apt_packages[@]}")
  if command -v node >/dev/null && command -v npm >/dev/null; then
    pkgs=("${pkgs[@]/nodejs}"); pkgs=("${pkgs[@]/npm}")
  fi
  mapfile -t need < <(missing_packages "${pkgs[@]}" | grep -v '^$' || true)
  if [ "${#need[@]}" -gt 0 ]; then
    apt_update_once
    say "apt-get install ${need[*]}"
    as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    say "system packages: all present"
  fi
fi

# ---------------------------------------------------------------- npm ------
cd "$top"
lock_stamp=node_modules/.sealcheck-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$lock_stamp" ] && [ "$(cat "$lock_stamp")" = "$want" ]; then
  say "npm packages: up to date with package-lock.json"
else
  say "npm ci (from package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  printf '%s\n' "$want" > "$lock_stamp"
fi

# ------------------------------------------------- wasm libraries ----------
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
cache=$(sealcheck_cache)
mkdir -p "$cache/src"

# Debian source packages need a deb-src entry; add ours once.
ensure_deb_src() {
  local f=/etc/apt/sources.list.d/sealcheck-src.sources
  if [ ! -f "$f" ]; then
    say "adding deb-src entries for bookworm ($f)"
    as_root tee "$f" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt_updated=0
  fi
  apt_update_once
}

# fetch_source PKG -> prints the unpacked source directory.
# Tries the source versions apt knows, newest first: a mirror may list a
# version it does not serve (seen: bookworm-security 404s), and any Debian
# bookworm version of these libraries is fine for us.
fetch_source() {
  local pkg=$1 ver dir versions tmp unpacked
  versions=$(apt-cache showsrc "$pkg" 2>/dev/null | awk '/^Version:/{print $2}' | sort -Vru)
  if [ -z "$versions" ]; then
    ensure_deb_src >&2
    versions=$(apt-cache showsrc "$pkg" | awk '/^Version:/{print $2}' | sort -Vru)
  fi
  for ver in $versions; do
    dir="$cache/src/$pkg-${ver//:/_}"
    if [ -d "$dir" ]; then printf '%s\n' "$dir"; return 0; fi
  done
  for ver in $versions; do
    dir="$cache/src/$pkg-${ver//:/_}"
    tmp="$cache/src/tmp-$pkg"
    rm -rf "$tmp"; mkdir -p "$tmp"
    say "apt-get source $pkg=$ver (signature-checked by apt)" >&2
    if (cd "$tmp" && apt-get source -qq "$pkg=$ver" >log 2>&1); then
      unpacked=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n1)
      if [ -n "$unpacked" ]; then
        mv "$unpacked" "$dir"; rm -rf "$tmp"
        printf '%s\n' "$dir"; return 0
      fi
    fi
    say "  $pkg=$ver is not served by this mirror; trying an older version" >&2
  done
  rm -rf "$tmp"
  say "could not fetch the source package $pkg through apt" >&2
  return 1
}

zlib_key=$(sealcheck_lib_key zlib)
openssl_key=$(sealcheck_lib_key openssl)

if p=$(sealcheck_wasm_prefix zlib) && [ -f "$p/lib/libz.a" ]; then
  say "zlib for wasm: cached in $p"
else
  src=$(fetch_source zlib) || exit 1
  ver=${src##*/zlib-}
  prefix="$cache/zlib-wasm-$ver-$zlib_key"
  say "building zlib $ver for wasm -> $prefix"
  b="$cache/build/zlib-$ver"; rm -rf "$b"; mkdir -p "$b" "$prefix/lib" "$prefix/include"
  # zlib's own configure probes the host compiler; compile the library
  # sources directly, which is all we need for libz.a.
  objs=()
  for c in adler32 crc32 deflate infback inffast inflate inftrees trees zutil \
           compress uncompr gzclose gzlib gzread gzwrite; do
    # shellcheck disable=SC2086 # the flags are meant to split into words
    emcc $SEALCHECK_ZLIB_CFLAGS -c "$src/$c.c" -o "$b/$c.o"
    objs+=("$b/$c.o")
  done
  emar rcs "$b/libz.a" "${objs[@]}"
  cp "$b/libz.a" "$prefix/lib/"
  cp "$src/zlib.h" "$src/zconf.h" "$prefix/include/"
  rm -rf "$b"
fi

# expat: like zlib, its configure probes the host; the three library sources
# and a config header of our own (the settings are SEALCHECK_EXPAT_CFLAGS).
expat_key=$(sealcheck_lib_key expat)
if p=$(sealcheck_wasm_prefix expat) && [ -f "$p/lib/libexpat.a" ]; then
  say "expat for wasm: cached in $p"
else
  src=$(fetch_source expat) || exit 1
  ver=${src##*/expat-}
  prefix="$cache/expat-wasm-$ver-$expat_key"
  say "building expat $ver for wasm -> $prefix"
  b="$cache/build/expat-$ver"; rm -rf "$b"; mkdir -p "$b" "$prefix/lib" "$prefix/include"
  printf '/* sealcheck: settings are on the command line */\n' > "$b/expat_config.h"
  objs=()
  for c in xmlparse xmlrole xmltok; do
    # shellcheck disable=SC2086 # the flags are meant to split into words
    emcc $SEALCHECK_EXPAT_CFLAGS -I"$b" -c "$src/expat/lib/$c.c" -o "$b/$c.o"
    objs+=("$b/$c.o")
  done
  emar rcs "$b/libexpat.a" "${objs[@]}"
  cp "$b/libexpat.a" "$prefix/lib/"
  cp "$src/expat/lib/expat.h" "$src/expat/lib/expat_external.h" "$prefix/include/"
  rm -rf "$b"
fi

# Builds libcrypto.a from the OpenSSL source package with our source edits
# (openssl_trim.py) into PREFIX/{lib,include}.
#   build_openssl wasm|native PREFIX BUILD_DIR
# wasm: the engine's configuration through emconfigure/emmake. native: the
# same options but stdio (the issuer in the CLI writes PEM files; FILE*
# helpers cost nothing in verification), for scripts/bench.sh only.
build_openssl() {
  local kind=$1 prefix=$2 b=$3 src
  src=$(fetch_source openssl) || return 1
  rm -rf "$b"; mkdir -p "$cache/build"; cp -a "$src" "$b" || return 1
  python3 "$here/openssl_trim.py" "$b" || return 1
  (
    cd "$b"
    local make_cmd
    if [ "$kind" = wasm ]; then
      CFLAGS="$SEALCHECK_OPENSSL_CFLAGS" emconfigure ./Configure linux-generic32 \
        "${SEALCHECK_OPENSSL_OPTIONS[@]}" --prefix="$prefix" >configure.log 2>&1 \
        || { tail -n 40 configure.log; exit 1; }
      make_cmd=(emmake make CROSS_COMPILE=)
    else
      local opts=() o
      for o in "${SEALCHECK_OPENSSL_OPTIONS[@]}"; do [ "$o" = no-stdio ] || opts+=("$o"); done
      CFLAGS="-Oz" ./Configure linux-x86_64 "${opts[@]}" --prefix="$prefix" --libdir=lib \
        >configure.log 2>&1 || { tail -n 40 configure.log; exit 1; }
      make_cmd=(make)
    fi
    "${make_cmd[@]}" -j"$(nproc)" build_generated >make.log 2>&1 \
      && "${make_cmd[@]}" -j"$(nproc)" libcrypto.a >>make.log 2>&1 \
      || { tail -n 60 make.log; exit 1; }
  ) || return 1
  mkdir -p "$prefix/lib" "$prefix/include"
  cp "$b/libcrypto.a" "$prefix/lib/"
  cp -a "$b/include/openssl" "$prefix/include/"
  rm -rf "$b"
}

# The version the source package gives, for the cache directory's name.
openssl_version() {
  local src
  src=$(fetch_source openssl) || return 1
  printf '%s\n' "${src##*/openssl-}"
}

if p=$(sealcheck_wasm_prefix openssl) && [ -f "$p/lib/libcrypto.a" ]; then
  say "OpenSSL for wasm: cached in $p"
else
  ver=$(openssl_version) || exit 1
  say "building OpenSSL $ver libcrypto for wasm -> $cache/openssl-wasm-$ver-$openssl_key (3-5 minutes on 2 cores)"
  build_openssl wasm "$cache/openssl-wasm-$ver-$openssl_key" "$cache/build/openssl-$ver" || exit 1
fi

# For scripts/bench.sh only (--with-native-openssl): the same OpenSSL
# configuration and source edits built natively, so the benchmark can tell
# the cost of wasm from the cost of a no-asm, trimmed OpenSSL.
if [ "${1:-}" = --with-native-openssl ]; then
  if p=$(sealcheck_native_prefix) && [ -f "$p/lib/libcrypto.a" ]; then
    say "OpenSSL (wasm configuration, native): cached in $p"
  else
    ver=$(openssl_version) || exit 1
    say "building OpenSSL $ver libcrypto natively with the wasm configuration -> $cache/openssl-native-$ver-$openssl_key"
    build_openssl native "$cache/openssl-native-$ver-$openssl_key" "$cache/build/openssl-native-$ver" || exit 1
  fi
fi

say "set-up done in $(( $(date +%s) - t0 )) s (cache: $cache)"
