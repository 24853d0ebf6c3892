#include "crypto/signed_data.h"

namespace sealcheck {
namespace {

constexpr std::uint8_t kSeq = 0x30, kSet = 0x31, kOid = 0x06, kInt = 0x02, kOctets = 0x04;
constexpr std::uint8_t kCtx0 = 0xa0, kCtx1 = 0xa1;

const char* const kPkcs7SignedData = "1.2.840.113549.1.7.2";
const char* const kGmtSignedData = "1.2.156.10197.6.1.4.2.2";

std::optional<std::string> algorithm(DerSpan& in) {
  auto alg = der_expect(in, kSeq);
  if (!alg) return std::nullopt;
  DerSpan inner = alg->value;
  auto oid = der_expect(inner, kOid);
  if (!oid) return std::nullopt;
  std::string text = oid_text(oid->value);
  if (text.empty()) return std::nullopt;
  return text;
}

std::optional<SignedDataSigner> signer_info(DerSpan in) {
  SignedDataSigner s;
  if (!der_expect(in, kInt)) return std::nullopt;  // version
  auto sid = der_expect(in, kSeq);                 // issuerAndSerialNumber only
  if (!sid) return std::nullopt;
  DerSpan ias = sid->value;
  auto issuer = der_expect(ias, kSeq);
  auto serial = der_expect(ias, kInt);
  if (!issuer || !serial || !ias.empty()) return std::nullopt;
  s.issuer = issuer->whole;
  s.serial = serial->whole;
  auto digest = algorithm(in);
  if (!digest) return std::nullopt;
  s.digest_algorithm = *digest;
  if (!in.empty() && in[0] == kCtx0) {
    auto attrs = der_next(in);
    if (!attrs) return std::nullopt;
    s.signed_attributes = attrs->whole;
  }
  auto sig_alg = algorithm(in);
  auto sig = der_expect(in, kOctets);
  if (!sig_alg || !sig) return std::nullopt;
  s.signature_algorithm = *sig_alg;
  s.signature = sig->value;
  if (!in.empty()) {
    auto unsigned_attrs = der_expect(in, kCtx1);
    if (!unsigned_attrs) return std::nullopt;
    s.unsigned_attributes = unsigned_attrs->whole;
  }
  if (!in.empty()) return std::nullopt;
  return s;
}

}  // namespace

std::optional<SignedDataView> parse_signed_data(DerSpan der) {
  DerSpan in = der;
  auto ci = der_expect(in, kSeq);
  if (!ci) return std::nullopt;
  for (std::uint8_t b : in) {
    if (b != 0) return std::nullopt;  // only zero padding after the blob
  }
  DerSpan c = ci->value;
  auto type = der_expect(c, kOid);
  auto wrapped = der_expect(c, kCtx0);
  if (!type || !wrapped || !c.empty()) return std::nullopt;
  SignedDataView v;
  v.content_type = oid_text(type->value);
  if (v.content_type != kPkcs7SignedData && v.content_type != kGmtSignedData) return std::nullopt;
  v.gmt_oids = v.content_type == kGmtSignedData;
  DerSpan w = wrapped->value;
  auto sd = der_expect(w, kSeq);
  if (!sd || !w.empty()) return std::nullopt;
  DerSpan s = sd->value;
  if (!der_expect(s, kInt) || !der_expect(s, kSet)) return std::nullopt;  // version, digestAlgorithms
  auto encap = der_expect(s, kSeq);
  if (!encap) return std::nullopt;
  DerSpan e = encap->value;
  auto etype = der_expect(e, kOid);
  if (!etype) return std::nullopt;
  v.encapsulated_type = oid_text(etype->value);
  v.detached = e.empty();
  if (!v.detached) {  // [0] EXPLICIT OCTET STRING
    DerSpan c = e;
    auto wrapper = der_expect(c, kCtx0);
    DerSpan inner = wrapper ? wrapper->value : DerSpan{};
    auto octets = wrapper ? der_expect(inner, 0x04) : std::nullopt;
    if (octets && inner.empty() && c.empty()) v.content = octets->value;
  }
  if (!s.empty() && s[0] == kCtx0) {  // [0] IMPLICIT certificates
    auto set = der_next(s);
    if (!set) return std::nullopt;
    DerSpan certs = set->value;
    while (!certs.empty()) {
      auto cert = der_expect(certs, kSeq);
      if (!cert) return std::nullopt;
      v.certificates.push_back(cert->whole);
    }
  }
  if (!s.empty() && s[0] == kCtx1 && !der_next(s)) return std::nullopt;  // [1] crls: not used
  auto infos = der_expect(s, kSet);
  if (!infos || !s.empty()) return std::nullopt;
  DerSpan is = infos->value;
  while (!is.empty()) {
    auto si = der_expect(is, kSeq);
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

namespace {

std::optional<DerSpan> attribute(DerSpan tlv, const std::string& oid, std::uint8_t tag, std::size_t* count) {
  std::size_t seen = 0;
  if (count != nullptr) *count = 0;
  DerSpan in = tlv;
  auto attrs = der_next(in);
  if (!attrs || attrs->tag != tag || !in.empty()) return std::nullopt;
  DerSpan a = attrs->value;
  std::optional<DerSpan> found;
  while (!a.empty()) {
    auto attr = der_expect(a, kSeq);
    if (!attr) return std::nullopt;
    DerSpan at = attr->value;
    auto type = der_expect(at, kOid);
    auto values = der_expect(at, kSet);
    if (!type || !values || !at.empty()) return std::nullopt;
    if (oid_text(type->value) != oid) continue;
    ++seen;
    if (count != nullptr) *count = seen;
    if (found) return std::nullopt;  // repeated
    DerSpan vs = values->value;
    auto value = der_next(vs);
    if (!value || !vs.empty()) return std::nullopt;  // exactly one value
    found = value->whole;
  }
  return found;
}

}  // namespace

std::optional<DerSpan> signed_attribute(DerSpan tlv, const std::string& oid) {
  return attribute(tlv, oid, kCtx0, nullptr);
}

std::optional<DerSpan> unsigned_attribute(DerSpan tlv, const std::string& oid, std::size_t* count) {
  return attribute(tlv, oid, kCtx1, count);
}

}  // namespace sealcheck
