#include "crypto/ses.h"

namespace sealcheck {
namespace {

using namespace der;

// A non-negative INTEGER that fits in 62 bits.
std::optional<std::int64_t> small_integer(DerSpan& in) {
  auto t = der_expect(in, kInteger);
  if (!t || t->value.empty() || t->value.size() > 8 || (t->value[0] & 0x80)) return std::nullopt;
  std::int64_t v = 0;
  for (std::uint8_t b : t->value) {
    if (v > (INT64_MAX >> 8)) return std::nullopt;
    v = (v << 8) | b;
  }
  return v;
}

std::optional<std::string> text(DerSpan& in, std::uint8_t tag) {
  auto t = der_expect(in, tag);
  if (!t) return std::nullopt;
  return std::string(t->value.begin(), t->value.end());
}

// A BIT STRING of whole octets: its content after the unused-bits octet.
std::optional<DerSpan> octet_bits(DerSpan& in) {
  auto t = der_expect(in, kBitString);
  if (!t || t->value.empty() || t->value[0] != 0) return std::nullopt;
  return t->value.subspan(1);
}

// GeneralizedTime as the standard has it, or UTCTime as some writers of
// version-4 seals still put it.
std::optional<DerTlv> time_tlv(DerSpan& in) {
  auto t = der_next(in);
  if (!t || (t->tag != kGeneralizedTime && t->tag != kUtcTime)) return std::nullopt;
  return t;
}

std::optional<DerTlv> oid(DerSpan& in, std::string& dotted) {
  auto t = der_expect(in, kOid);
  if (!t) return std::nullopt;
  dotted = oid_text(t->value);
  if (dotted.empty()) return std::nullopt;
  return t;
}

bool property_info(DerSpan in, SesSeal& s, int version) {
  auto type = small_integer(in);
  auto name = text(in, kUtf8String);
  // Version 1 has no certListType: its list is certificates.
  auto list_type = version == 1 ? std::optional<std::int64_t>(1) : small_integer(in);
  auto list = der_expect(in, kSequence);
  if (!type || !name || !list_type || !list) return false;
  s.type = *type;
  s.name = std::move(*name);
  s.cert_list_type = *list_type;
  DerSpan items = list->value;
  while (!items.empty()) {
    if (version == 1) {
      // Some v1 writers list other strings than certificates (IA5String
      // "1"): they name no certificate, so they list no signer.
      auto item = der_next(items);
      if (!item) return false;
      if (item->tag == kOctetString) s.certs.push_back(item->value);
    } else if (s.cert_list_type == 1) {
      auto cert = der_expect(items, kOctetString);
      if (!cert) return false;
      s.certs.push_back(cert->value);
    } else if (s.cert_list_type == 2) {
      auto obj = der_expect(items, kSequence);
      if (!obj) return false;
      DerSpan o = obj->value;
      auto alg = text(o, kPrintableString);
      auto value = der_expect(o, kOctetString);
      if (!alg || !value || !o.empty()) return false;
      s.cert_digests.push_back({std::move(*alg), value->value});
    } else {
      return false;
    }
  }
  auto created = time_tlv(in);
  auto start = time_tlv(in);
  auto end = time_tlv(in);
  if (!created || !start || !end || !in.empty()) return false;
  s.created = created->whole;
  s.valid_start = start->whole;
  s.valid_end = end->whole;
  return true;
}

bool seal_info(DerSpan in, SesSeal& s, int want_version) {
  auto header = der_expect(in, kSequence);
  if (!header) return false;
  DerSpan h = header->value;
  auto id = text(h, kIa5String);
  auto version = small_integer(h);
  auto vid = text(h, kIa5String);
  if (!id || *id != "ES" || !version || *version != want_version || !vid || !h.empty()) return false;
  s.vid = std::move(*vid);
  auto es_id = text(in, kIa5String);
  auto property = der_expect(in, kSequence);
  auto picture = der_expect(in, kSequence);
  if (!es_id || !property || !picture || !property_info(property->value, s, want_version)) return false;
  s.es_id = std::move(*es_id);
  DerSpan p = picture->value;
  auto picture_type = text(p, kIa5String);
  auto picture_data = der_expect(p, kOctetString);
  if (!picture_type || !picture_data || !small_integer(p) || !small_integer(p) || !p.empty()) return false;
  s.picture_type = std::move(*picture_type);
  s.picture = picture_data->value;
  if (!in.empty() && !der_expect(in, kSequence)) return false;  // extDatas
  return in.empty();
}

// GM/T 0031 v1: SEQUENCE { esealInfo, signInfo SEQUENCE { cert, alg, signData } }.
bool seal_v1(DerSpan in, SesSeal& s) {
  auto info = der_expect(in, kSequence);
  auto sign_info = der_expect(in, kSequence);
  if (!info || !sign_info || !in.empty() || !seal_info(info->value, s, 1)) return false;
  s.info = info->whole;
  DerSpan si = sign_info->value;
  auto cert = der_expect(si, kOctetString);
  auto alg = cert ? oid(si, s.algorithm) : std::nullopt;
  auto value = alg ? octet_bits(si) : std::nullopt;
  if (!value || !si.empty()) return false;
  s.maker_cert = cert->value;
  s.cert_tlv = cert->whole;
  s.alg_tlv = alg->whole;
  s.signed_value = *value;
  return true;
}

bool seal(DerSpan in, SesSeal& s) {
  auto info = der_expect(in, kSequence);
  auto cert = der_expect(in, kOctetString);
  if (!info || !cert || !seal_info(info->value, s, 4)) return false;
  s.info = info->whole;
  s.maker_cert = cert->value;
  s.cert_tlv = cert->whole;
  auto alg = oid(in, s.algorithm);
  auto value = octet_bits(in);
  if (!alg || !value || !in.empty()) return false;
  s.alg_tlv = alg->whole;
  s.signed_value = *value;
  return true;
}

// The timeStamp's token: [0] IMPLICIT BIT STRING, [0] EXPLICIT around a
// BIT STRING or the token itself, or an untagged BIT STRING, as writers
// make it.
std::optional<DerSpan> timestamp_token(const DerTlv& stamp) {
  DerSpan v = stamp.value;
  if (stamp.tag == 0x80 || stamp.tag == kBitString) {
    if (v.empty() || v[0] != 0) return std::nullopt;
    return v.subspan(1);
  }
  if (stamp.tag != kContext0) return std::nullopt;
  DerSpan inner = v;
  auto t = der_next(inner);
  if (!t || !inner.empty()) return std::nullopt;
  if (t->tag == kSequence) return t->whole;
  if (t->tag == kBitString && !t->value.empty() && t->value[0] == 0) return t->value.subspan(1);
  return std::nullopt;
}

// GM/T 0031 v1 (see ses.h): `t` is TBS_Sign's content after its version.
SesParse parse_v1(const DerTlv& tbs, DerSpan t, DerSpan o, DerSpan after_tbs) {
  SesParse out;
  out.shape = SesShape::kMalformed;
  SesSignatureView& v = out.view;
  v.version = 1;
  (void)o;
  auto eseal = der_expect(t, kSequence);
  if (!eseal || !seal_v1(eseal->value, v.seal)) return out;
  auto time_info = octet_bits(t);
  auto data_hash = octet_bits(t);
  auto property = text(t, kIa5String);
  auto cert = der_expect(t, kOctetString);
  auto alg = cert ? oid(t, v.algorithm) : std::nullopt;
  if (!time_info || !data_hash || !property || !alg || !t.empty()) return out;
  v.time_info = *time_info;
  v.data_hash = *data_hash;
  v.property_info = std::move(*property);
  v.signer_cert = cert->value;
  v.cert_tlv = cert->whole;
  v.alg_tlv = alg->whole;
  v.to_sign = tbs.whole;
  auto signature = octet_bits(after_tbs);
  if (!signature || !after_tbs.empty()) return out;
  v.signature = *signature;
  out.shape = SesShape::kOk;
  return out;
}

}  // namespace

SesParse parse_ses_signature(DerSpan der) {
  SesParse out;
  DerSpan in = der;
  auto outer = der_expect(in, kSequence);
  if (!outer) return out;
  for (std::uint8_t b : in) {
    if (b != 0) return out;  // only zero padding after the blob
  }
  DerSpan o = outer->value;
  DerSpan peek = o;
  auto tbs = der_expect(peek, kSequence);
  if (!tbs) return out;  // a ContentInfo starts with an OID
  DerSpan t = tbs->value;
  auto version = small_integer(t);
  if (!version) return out;
  if (*version == 1) return parse_v1(*tbs, t, o, peek);
  if (*version != 4) {
    out.shape = SesShape::kOtherVersion;
    return out;
  }
  out.shape = SesShape::kMalformed;
  SesSignatureView& v = out.view;
  auto eseal = der_expect(t, kSequence);
  if (!eseal || !seal(eseal->value, v.seal)) return out;
  auto time_info = time_tlv(t);
  auto data_hash = octet_bits(t);
  auto property = text(t, kIa5String);
  if (!time_info || !data_hash || !property) return out;
  if (!t.empty() && !der_expect(t, kSequence)) return out;  // extDatas
  if (!t.empty()) return out;
  v.time_info = time_info->whole;
  v.data_hash = *data_hash;
  v.property_info = std::move(*property);
  v.to_sign = tbs->whole;
  o = peek;
  auto cert = der_expect(o, kOctetString);
  if (!cert) return out;
  v.signer_cert = cert->value;
  v.cert_tlv = cert->whole;
  auto alg = oid(o, v.algorithm);
  auto signature = octet_bits(o);
  if (!alg || !signature) return out;
  v.alg_tlv = alg->whole;
  v.signature = *signature;
  if (!o.empty()) {
    // timeStamp, [0] (implicit or explicit) or an untagged BIT STRING as
    // some writers make it; its content is not checked.
    auto stamp = der_next(o);
    const auto token = stamp ? timestamp_token(*stamp) : std::nullopt;
    if (!token) return out;
    v.has_timestamp = true;
    v.timestamp = *token;
  }
  if (!o.empty()) return out;
  out.shape = SesShape::kOk;
  return out;
}

std::vector<std::vector<std::uint8_t>> ses_signed_forms(DerSpan structure, DerSpan cert_tlv, DerSpan alg_tlv) {
  std::vector<std::uint8_t> joined(structure.begin(), structure.end());
  joined.insert(joined.end(), cert_tlv.begin(), cert_tlv.end());
  joined.insert(joined.end(), alg_tlv.begin(), alg_tlv.end());
  return {std::vector<std::uint8_t>(structure.begin(), structure.end()), der_tlv(kSequence, joined)};
}

std::optional<std::vector<std::uint8_t>> ses_normalised_signature(DerSpan signature) {
  DerSpan in = signature;
  auto seq = der_expect(in, kSequence);
  if (!seq || !in.empty()) return std::nullopt;
  DerSpan body = seq->value;
  auto r = der_expect(body, kInteger);
  auto s = r ? der_expect(body, kInteger) : std::nullopt;
  if (!s || !body.empty()) return std::nullopt;
  auto minimal = [](DerSpan v) {
    std::size_t skip = 0;
    while (skip + 1 < v.size() && v[skip] == 0 && !(v[skip + 1] & 0x80)) ++skip;
    std::vector<std::uint8_t> out(v.begin() + static_cast<std::ptrdiff_t>(skip), v.end());
    if (out.empty() || (out[0] & 0x80)) out.insert(out.begin(), 0);  // r, s are positive
    return der_tlv(kInteger, out);
  };
  std::vector<std::uint8_t> joined = minimal(r->value);
  const std::vector<std::uint8_t> second = minimal(s->value);
  joined.insert(joined.end(), second.begin(), second.end());
  std::vector<std::uint8_t> out = der_tlv(kSequence, joined);
  if (out.size() == signature.size() && std::equal(out.begin(), out.end(), signature.begin())) return std::nullopt;
  return out;
}

std::vector<std::uint8_t> ses_der_signature(DerSpan signature) {
  if (signature.size() != 64) return {signature.begin(), signature.end()};
  auto integer = [](DerSpan half) {
    std::size_t skip = 0;
    while (skip + 1 < half.size() && half[skip] == 0 && !(half[skip + 1] & 0x80)) ++skip;  // minimal
    std::vector<std::uint8_t> v(half.begin() + static_cast<std::ptrdiff_t>(skip), half.end());
    if (v[0] & 0x80) v.insert(v.begin(), 0);
    return der_tlv(kInteger, v);
  };
  std::vector<std::uint8_t> body = integer(signature.first(32));
  const std::vector<std::uint8_t> s = integer(signature.last(32));
  body.insert(body.end(), s.begin(), s.end());
  return der_tlv(kSequence, body);
}

}  // namespace sealcheck
