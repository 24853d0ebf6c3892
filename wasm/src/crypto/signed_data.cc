#include "crypto/signed_data.h"

namespace sealcheck {
namespace {

struct Tlv final {
  std::uint8_t tag = 0;
  DerSpan value;
  DerSpan whole;
};

// One DER element at the front of `in` (single-byte tags, definite lengths
// up to 4 length octets); advances `in`.
std::optional<Tlv> next(DerSpan& in) {
  if (in.size() < 2) return std::nullopt;
  Tlv t;
  t.tag = in[0];
  if ((t.tag & 0x1f) == 0x1f) return std::nullopt;  // multi-byte tags: not in SignedData
  std::size_t len = in[1], at = 2;
  if (len & 0x80) {
    const std::size_t n = len & 0x7f;
    if (n == 0 || n > 4 || in.size() < 2 + n) return std::nullopt;  // indefinite or huge
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | in[2 + i];
    at += n;
  }
  if (len > in.size() - at) return std::nullopt;
  t.value = in.subspan(at, len);
  t.whole = in.subspan(0, at + len);
  in = in.subspan(at + len);
  return t;
}

std::optional<Tlv> expect(DerSpan& in, std::uint8_t tag) {
  auto t = next(in);
  if (!t || t->tag != tag) return std::nullopt;
  return t;
}

constexpr std::uint8_t kSeq = 0x30, kSet = 0x31, kOid = 0x06, kInt = 0x02, kOctets = 0x04;
constexpr std::uint8_t kCtx0 = 0xa0, kCtx1 = 0xa1;

const char* const kPkcs7SignedData = "1.2.840.113549.1.7.2";
const char* const kGmtSignedData = "1.2.156.10197.6.1.4.2.2";

std::optional<std::string> algorithm(DerSpan& in) {
  auto alg = expect(in, kSeq);
  if (!alg) return std::nullopt;
  DerSpan inner = alg->value;
  auto oid = expect(inner, kOid);
  if (!oid) return std::nullopt;
  std::string text = oid_text(oid->value);
  if (text.empty()) return std::nullopt;
  return text;
}

std::optional<SignedDataSigner> signer_info(DerSpan in) {
  SignedDataSigner s;
  if (!expect(in, kInt)) return std::nullopt;  // version
  auto sid = expect(in, kSeq);                  // issuerAndSerialNumber only
  if (!sid) return std::nullopt;
  DerSpan ias = sid->value;
  auto issuer = expect(ias, kSeq);
  auto serial = expect(ias, kInt);
  if (!issuer || !serial || !ias.empty()) return std::nullopt;
  s.issuer = issuer->whole;
  s.serial = serial->whole;
  auto digest = algorithm(in);
  if (!digest) return std::nullopt;
  s.digest_algorithm = *digest;
  if (!in.empty() && in[0] == kCtx0) {
    auto attrs = next(in);
    if (!attrs) return std::nullopt;
    s.signed_attributes = attrs->whole;
  }
  auto sig_alg = algorithm(in);
  auto sig = expect(in, kOctets);
  if (!sig_alg || !sig) return std::nullopt;
  s.signature_algorithm = *sig_alg;
  s.signature = sig->value;
  if (!in.empty() && !expect(in, kCtx1)) return std::nullopt;  // unsignedAttrs
  if (!in.empty()) return std::nullopt;
  return s;
}

}  // namespace

std::vector<std::uint8_t> der_tlv(std::uint8_t tag, DerSpan value) {
  std::vector<std::uint8_t> out{tag};
  const std::size_t n = value.size();
  if (n < 0x80) {
    out.push_back(static_cast<std::uint8_t>(n));
  } else {
    std::vector<std::uint8_t> len;
    for (std::size_t v = n; v; v >>= 8) len.insert(len.begin(), static_cast<std::uint8_t>(v));
    out.push_back(static_cast<std::uint8_t>(0x80 | len.size()));
    out.insert(out.end(), len.begin(), len.end());
  }
  out.insert(out.end(), value.begin(), value.end());
  return out;
}

std::string oid_text(DerSpan content) {
  if (content.empty() || content.back() & 0x80) return {};
  std::string out;
  std::uint64_t v = 0;
  bool first = true;
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (v > (UINT64_MAX >> 7)) return {};
    if (v == 0 && content[i] == 0x80) return {};  // non-minimal
    v = (v << 7) | (content[i] & 0x7f);
    if (content[i] & 0x80) continue;
    if (first) {
      const std::uint64_t a = v < 80 ? v / 40 : 2;
      out = std::to_string(a) + "." + std::to_string(v - a * 40);
      first = false;
    } else {
      out += "." + std::to_string(v);
    }
    v = 0;
  }
  return out;
}

std::optional<SignedDataView> parse_signed_data(DerSpan der) {
  DerSpan in = der;
  auto ci = expect(in, kSeq);
  if (!ci) return std::nullopt;
  for (std::uint8_t b : in) {
    if (b != 0) return std::nullopt;  // only zero padding after the blob
  }
  DerSpan c = ci->value;
  auto type = expect(c, kOid);
  auto wrapped = expect(c, kCtx0);
  if (!type || !wrapped || !c.empty()) return std::nullopt;
  SignedDataView v;
  v.content_type = oid_text(type->value);
  if (v.content_type != kPkcs7SignedData && v.content_type != kGmtSignedData) return std::nullopt;
  v.gmt_oids = v.content_type == kGmtSignedData;
  DerSpan w = wrapped->value;
  auto sd = expect(w, kSeq);
  if (!sd || !w.empty()) return std::nullopt;
  DerSpan s = sd->value;
  if (!expect(s, kInt) || !expect(s, kSet)) return std::nullopt;  // version, digestAlgorithms
  auto encap = expect(s, kSeq);
  if (!encap) return std::nullopt;
  DerSpan e = encap->value;
  auto etype = expect(e, kOid);
  if (!etype) return std::nullopt;
  v.encapsulated_type = oid_text(etype->value);
  v.detached = e.empty();
  if (!s.empty() && s[0] == kCtx0) {  // [0] IMPLICIT certificates
    auto set = next(s);
    if (!set) return std::nullopt;
    DerSpan certs = set->value;
    while (!certs.empty()) {
      auto cert = expect(certs, kSeq);
      if (!cert) return std::nullopt;
      v.certificates.push_back(cert->whole);
    }
  }
  if (!s.empty() && s[0] == kCtx1 && !next(s)) return std::nullopt;  // [1] crls: not used
  auto infos = expect(s, kSet);
  if (!infos || !s.empty()) return std::nullopt;
  DerSpan is = infos->value;
  while (!is.empty()) {
    auto si = expect(is, kSeq);
    if (!si) return std::nullopt;
    auto signer = signer_info(si->value);
    if (!signer) return std::nullopt;
    v.signers.push_back(std::move(*signer));
  }
  return v;
}

std::vector<std::uint8_t> signed_attributes_to_sign(DerSpan tlv) {
  std::vector<std::uint8_t> out(tlv.begin(), tlv.end());
  if (!out.empty()) out[0] = kSet;
  return out;
}

std::optional<DerSpan> signed_attribute(DerSpan tlv, const std::string& oid) {
  DerSpan in = tlv;
  auto attrs = next(in);
  if (!attrs || attrs->tag != kCtx0 || !in.empty()) return std::nullopt;
  DerSpan a = attrs->value;
  std::optional<DerSpan> found;
  while (!a.empty()) {
    auto attr = expect(a, kSeq);
    if (!attr) return std::nullopt;
    DerSpan at = attr->value;
    auto type = expect(at, kOid);
    auto values = expect(at, kSet);
    if (!type || !values || !at.empty()) return std::nullopt;
    if (oid_text(type->value) != oid) continue;
    if (found) return std::nullopt;  // repeated
    DerSpan vs = values->value;
    auto value = next(vs);
    if (!value || !vs.empty()) return std::nullopt;  // exactly one value
    found = value->whole;
  }
  return found;
}

}  // namespace sealcheck
