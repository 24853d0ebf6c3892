#!/usr/bin/env bash
# The Debian package of the command line, as a user gets it: its control
# fields (Depends computed from the linked libraries), its files, the man
# page naming every command the binary offers, and the binary run from an
# extracted tree. $DEB is the package, $VERSION the project's version,
# $CORPUS the test corpus.
set -euo pipefail
: "${DEB:?}" "${VERSION:?}" "${CORPUS:?}"
fail() { echo "FAIL: $*" >&2; exit 1; }
[ -f "$DEB" ] || fail "$DEB is missing (scripts/build.sh builds it: cmake --build --preset native --target package)"
command -v dpkg-deb >/dev/null || fail "dpkg-deb is not installed"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ "$(dpkg-deb -f "$DEB" Package)" = sealcheck ] || fail "package name"
[ "$(dpkg-deb -f "$DEB" Version)" = "$VERSION" ] || fail "version is not $VERSION"
[ "$(dpkg-deb -f "$DEB" Architecture)" = amd64 ] || fail "architecture"
depends=$(dpkg-deb -f "$DEB" Depends)
for lib in libssl3 libsqlite3-0 libcairo2 libpangocairo-1.0-0 zlib1g libstdc++6 libc6; do
  [[ "$depends" == *"$lib "* || "$depends" == *"$lib," || "$depends" == *"$lib" ]] || fail "Depends lacks $lib: $depends"
done
dpkg-deb -c "$DEB" >"$tmp/list"
grep -q ' \./usr/bin/sealcheck$' "$tmp/list" || fail "no /usr/bin/sealcheck"
grep -q ' \./usr/share/man/man1/sealcheck\.1\.gz$' "$tmp/list" || fail "no sealcheck(1)"

dpkg-deb -x "$DEB" "$tmp/root"
bin=$tmp/root/usr/bin/sealcheck
"$bin" --help >"$tmp/help" || fail "sealcheck --help"
man=$tmp/man.1
gzip -dc "$tmp/root/usr/share/man/man1/sealcheck.1.gz" >"$man"
grep -q '^\.TH SEALCHECK 1 .*"sealcheck '"$VERSION"'"' "$man" || fail "the man page's header does not name version $VERSION"
# Every command and every verify option the binary lists is in the man page.
sed -n 's/^  sealcheck \([a-z]*\).*/\1/p' "$tmp/help" | sort -u >"$tmp/commands"
while read -r cmd; do
  grep -q "^\.B sealcheck $cmd" "$man" || fail "the man page does not describe 'sealcheck $cmd'"
done <"$tmp/commands"
sed -n '/sealcheck verify/,/sealcheck anchors/p' "$tmp/help" | grep -o '\-\-[a-z0-9-]*' | sort -u >"$tmp/options"
while read -r opt; do
  grep -q -- "${opt//-/\\\\-}" "$man" || fail "the man page does not describe verify $opt"
done <"$tmp/options"
grep -q '^\.SH EXIT STATUS' "$man" || fail "no EXIT STATUS section"

# The extracted binary verifies a corpus file.
out=$("$bin" verify --json --no-builtin-trust --at 2025-06-02 --trust "$CORPUS/trust/root.pem" \
  --trust "$CORPUS/lists/trust-list.json" --revocations "$CORPUS/lists" "$CORPUS/files/genuine-ecdsa.pdf") ||
  fail "the packaged binary does not find genuine-ecdsa.pdf valid"
[[ "$out" == *'"verdict":"valid"'* ]] || fail "packaged verify: $out"
echo "deb package: ok"
