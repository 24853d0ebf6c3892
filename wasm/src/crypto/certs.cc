#include "sealcheck/certs.h"
#include "crypto/digest.h"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/ossl.h"
#include "sealcheck/limits.h"

namespace sealcheck {
namespace {

// The wasm engine's OpenSSL is built without autoalginit (which would link
// every legacy cipher); X.509 and CMS still look digests up by NID, so the
// ones a seal or a chain may use are registered here, once, at start-up.
const bool g_digests_registered = [] {
  for (const EVP_MD* md : {EVP_sha1(), EVP_sha224(), EVP_sha256(), EVP_sha384(), EVP_sha512()}) {
    EVP_add_digest(md);
  }
#ifndef OPENSSL_NO_SM3
  EVP_add_digest(EVP_sm3());
#endif
  return true;
}();

}  // namespace

std::optional<std::vector<std::uint8_t>> from_base64(std::string_view text, bool padding_optional) {
  std::vector<std::uint8_t> out;
  std::uint32_t acc = 0;
  int bits = 0, pad = 0;
  for (const char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+')
      v = 62;
    else if (c == '/')
      v = 63;
    else if (c == '=') {
      ++pad;
      continue;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
      continue;
    else
      return std::nullopt;
    if (pad != 0) return std::nullopt;  // data after padding
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>(acc >> bits));
    }
  }
  if (pad > 2 || (bits + 6 * pad) % 8 != 0) {
    // Unpadded: the leftover bits are no whole sextet's worth of data.
    if (!(padding_optional && pad == 0 && bits < 6)) return std::nullopt;
  }
  return out;
}

std::string to_base64(std::span<const std::uint8_t> in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::uint32_t n = static_cast<std::uint32_t>(in[i]) << 16 |
                            (i + 1 < in.size() ? static_cast<std::uint32_t>(in[i + 1]) << 8 : 0) |
                            (i + 2 < in.size() ? in[i + 2] : 0);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// PEM is read here rather than by OpenSSL's PEM layer, which would bring its
// encrypted-PEM machinery (MD5, ciphers, passphrase callbacks) into the
// wasm engine for nothing: certificates are never encrypted.
std::vector<std::vector<std::uint8_t>> parse_certificates(std::span<const std::uint8_t> data) {
  // The engine hands the same anchors with every file, and the trust list
  // the same TSAs: the last two answers are kept (per thread) rather than
  // decoding and re-encoding them each time.
  struct Memo {
    std::vector<std::uint8_t> input;
    std::vector<std::vector<std::uint8_t>> output;
    bool filled = false;
  };
  thread_local Memo memos[2];
  thread_local unsigned next = 0;
  for (const Memo& m : memos) {
    if (m.filled && std::equal(data.begin(), data.end(), m.input.begin(), m.input.end())) return m.output;
  }
  std::vector<std::vector<std::uint8_t>> out;
  auto push = [&](std::span<const std::uint8_t> der) {
    const unsigned char* p = der.data();
    ossl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!x || p != der.data() + der.size()) return false;
    unsigned char* canonical = nullptr;
    const int len = i2d_X509(x.get(), &canonical);
    if (len > 0) out.emplace_back(canonical, canonical + len);
    OPENSSL_free(canonical);
    return len > 0;
  };
  const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  bool pem = false;
  for (const std::string_view label : {"CERTIFICATE", "X509 CERTIFICATE"}) {
    const std::string begin = "-----BEGIN " + std::string(label) + "-----";
    const std::string end = "-----END " + std::string(label) + "-----";
    for (std::size_t at = text.find(begin); at != std::string_view::npos && out.size() < limits::kMaxTrustAnchors;
         at = text.find(begin, at + 1)) {
      pem = true;
      const std::size_t body = at + begin.size();
      const std::size_t stop = text.find(end, body);
      if (stop == std::string_view::npos) break;
      if (const auto der = from_base64(text.substr(body, stop - body))) push(*der);
    }
  }
  if (!pem) push(data);
  Memo& m = memos[next];
  next ^= 1;
  m.input.assign(data.begin(), data.end());
  m.output = out;
  m.filled = true;
  return out;
}

bool digest_update_chunked(EVP_MD_CTX* ctx, std::span<const std::uint8_t> data) {
  for (std::size_t at = 0; at < data.size(); at += kDigestChunkBytes) {
    const std::size_t n = std::min(kDigestChunkBytes, data.size() - at);
    if (EVP_DigestUpdate(ctx, data.data() + at, n) != 1) return false;
  }
  return true;
}

namespace {

std::vector<std::uint8_t> digest_of(std::span<const std::uint8_t> data, const EVP_MD* md) {
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  std::vector<std::uint8_t> out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 || !digest_update_chunked(ctx.get(), data) ||
      EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1) {
    return {};
  }
  out.resize(len);
  return out;
}

}  // namespace

std::vector<std::uint8_t> sha256(std::span<const std::uint8_t> data) { return digest_of(data, EVP_sha256()); }

std::vector<std::uint8_t> sm3(std::span<const std::uint8_t> data) {
#ifdef OPENSSL_NO_SM3
  (void)data;
  return {};
#else
  return digest_of(data, EVP_sm3());
#endif
}

}  // namespace sealcheck

namespace sealcheck {

std::string to_hex(std::span<const std::uint8_t> data) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  s.reserve(data.size() * 2);
  for (std::uint8_t v : data) {
    s.push_back(kHex[v >> 4]);
    s.push_back(kHex[v & 15]);
  }
  return s;
}

}  // namespace sealcheck
