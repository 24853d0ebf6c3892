#include "sealcheck/trust_list.h"

#include "crypto/digest.h"

#include <algorithm>

#include "json_writer.h"
#include "sealcheck/certs.h"
#include "sealcheck/domain_rules.h"
#include "sealcheck/json.h"
#include "sealcheck/time.h"
#include "text/normalize.h"

namespace sealcheck {

std::optional<TrustList> parse_trust_list(std::span<const std::uint8_t> bytes) {
  const auto v = json::parse({reinterpret_cast<const char*>(bytes.data()), bytes.size()});
  const json::Object* o = v ? v->as_object() : nullptr;
  if (!o) return std::nullopt;
  const std::string* format = json::get_string(*o, "format");
  const std::string* issued = json::get_string(*o, "issued");
  const auto ln = o->find("list_number");
  const auto seals = o->find("seals");
  if (!format || *format != kTrustListFormat || !issued || !parse_iso8601(*issued) || ln == o->end() ||
      !ln->second.as_number() || *ln->second.as_number() < 0 || seals == o->end() || !seals->second.as_array()) {
    return std::nullopt;
  }
  TrustList t;
  t.list_number = static_cast<std::uint64_t>(*ln->second.as_number());
  t.issued = *parse_iso8601(*issued);
  for (const json::Value& s : *seals->second.as_array()) {
    const json::Object* so = s.as_object();
    const std::string* body = so ? json::get_string(*so, "body") : nullptr;
    const std::string* name = so ? json::get_string(*so, "seal") : nullptr;
    const std::string* fp = so ? json::get_string(*so, "certificate_sha256") : nullptr;
    if (!body || !name || !fp || fp->size() != 64) return std::nullopt;
    TrustedSeal seal{*body, *name, *fp, {}, {}};
    if (const auto q = so->find("qualifications"); q != so->end()) {
      if (!q->second.as_array()) return std::nullopt;
      for (const json::Value& v : *q->second.as_array()) {
        if (!v.as_string()) return std::nullopt;
        seal.qualifications.push_back(*v.as_string());
      }
    }
    if (const std::string* from = json::get_string(*so, "from")) {
      if (!parse_iso8601(*from) || from->size() != 10) return std::nullopt;
      seal.from = *from;
    }
    for (auto [key, into] : {std::pair{"until", &seal.until}, std::pair{"compromised_at", &seal.compromised_at}}) {
      if (so->find(key) == so->end()) continue;
      const std::string* at = json::get_string(*so, key);
      if (!at || !parse_iso8601(*at)) return std::nullopt;
      *into = *at;
    }
    t.seals.push_back(std::move(seal));
  }
  if (const auto tsa = o->find("tsa"); tsa != o->end()) {
    if (!tsa->second.as_array()) return std::nullopt;
    for (const json::Value& v : *tsa->second.as_array()) {
      const json::Object* to = v.as_object();
      const std::string* name = to ? json::get_string(*to, "name") : nullptr;
      const std::string* pem = to ? json::get_string(*to, "certificate_pem") : nullptr;
      // Exactly one certificate, or the list is malformed.
      if (!name || !pem ||
          parse_certificates({reinterpret_cast<const std::uint8_t*>(pem->data()), pem->size()}).size() != 1) {
        return std::nullopt;
      }
      t.tsas.push_back({*name, *pem});
    }
  }
  return t;
}

std::vector<Bytes> trusted_tsa_anchors(const TrustListInput* in, const std::vector<Bytes>& pinned, ListMemory* memory) {
  std::vector<Bytes> out;
  if (in == nullptr || in->json.empty() || !verify_with_any(in->json, in->signature, pinned, memory)) return out;
  const auto list = parse_trust_list(in->json);
  if (!list) return out;
  for (const TrustedTsa& t : list->tsas) {
    auto der =
        parse_certificates({reinterpret_cast<const std::uint8_t*>(t.certificate_pem.data()), t.certificate_pem.size()});
    out.insert(out.end(), der.begin(), der.end());
  }
  return out;
}

std::string trust_list_json(const TrustList& t) {
  JsonWriter w;
  w.begin_object();
  w.key("format").string(kTrustListFormat);
  w.key("list_number").number(static_cast<long long>(t.list_number));
  w.key("issued").string(format_beijing(t.issued));
  w.key("seals").begin_array();
  for (const TrustedSeal& s : t.seals) {
    w.begin_object();
    w.key("body").string(s.body);
    w.key("seal").string(s.seal_name);
    w.key("certificate_sha256").string(s.certificate_sha256);
    if (!s.qualifications.empty()) {
      w.key("qualifications").begin_array();
      for (const std::string& q : s.qualifications) w.string(q);
      w.end_array();
    }
    if (!s.from.empty()) w.key("from").string(s.from);
    if (!s.until.empty()) w.key("until").string(s.until);
    if (!s.compromised_at.empty()) w.key("compromised_at").string(s.compromised_at);
    w.end_object();
  }
  w.end_array();
  if (!t.tsas.empty()) {
    w.key("tsa").begin_array();
    for (const TrustedTsa& a : t.tsas) {
      w.begin_object();
      w.key("name").string(a.name);
      w.key("certificate_pem").string(a.certificate_pem);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  return std::move(w).take();
}

SealPolicyOutcome check_seal_policy(const TrustListInput* in, const std::vector<Bytes>& pinned,
                                    const std::string& fingerprint, const std::string& body,
                                    const std::string& qualification, std::optional<std::int64_t> sealed_at,
                                    bool time_proven, ListMemory* memory) {
  if (in == nullptr || in->json.empty()) return {Code::kTrustListMissing, {}};
  if (!verify_with_any(in->json, in->signature, pinned, memory)) return {Code::kTrustListBadSignature, {}};
  const auto list = parse_trust_list(in->json);
  if (!list) return {Code::kTrustListMalformed, {}};
  // The most specific failure among the seal's entries is reported.
  std::optional<SealPolicyOutcome> why;
  for (const TrustedSeal& s : list->seals) {
    if (s.certificate_sha256 != fingerprint) continue;
    // Compared as a person reads them (full-width forms, radicals and
    // spaces folded): a page's printed name need not be byte-identical.
    if (text::matching_key(s.body) != text::matching_key(body)) {
      if (!why)
        why = SealPolicyOutcome{Code::kSealWrongBody, "the seal of " + s.body + ", on a certificate of " + body};
      continue;
    }
    if (!s.qualifications.empty() &&
        std::none_of(s.qualifications.begin(), s.qualifications.end(), [&](const std::string& q) {
          return text::matching_key(q) == text::matching_key(qualification);
        })) {
      why = SealPolicyOutcome{Code::kSealNotForQualification, qualification};
      continue;
    }
    // "In use from" speaks of when the seal was applied (制发), whatever
    // the qualification's own dates.
    if (!s.from.empty() && !sealed_at) {
      why = SealPolicyOutcome{Code::kSealTimeUnknown, "seal in use from " + s.from};
      continue;
    }
    if (!s.from.empty() && rules::beijing_day(*sealed_at) < *rules::day_of(s.from)) {
      why = SealPolicyOutcome{Code::kSealNotYetAuthoritative,
                              "sealed " + format_beijing(*sealed_at).substr(0, 10) + ", seal in use from " + s.from};
      continue;
    }
    // A leaked key signs any time it likes: only a proven earlier time
    // stands. A later time, proven or claimed, is after the leak.
    if (!s.compromised_at.empty()) {
      const std::int64_t leak = *parse_iso8601(s.compromised_at);
      const std::string detail = "seal key compromised " + format_beijing(leak);
      if (sealed_at && *sealed_at >= leak) {
        why = SealPolicyOutcome{Code::kSealCompromised, "sealed " + format_beijing(*sealed_at) + ", " + detail};
        continue;
      }
      if (!sealed_at || !time_proven) {
        why = SealPolicyOutcome{Code::kSealCompromisedTimeUnproven, detail};
        continue;
      }
    }
    if (!s.until.empty()) {
      const std::int64_t retired = *parse_iso8601(s.until);
      if (!sealed_at) {
        why = SealPolicyOutcome{Code::kSealTimeUnknown, "seal retired " + format_beijing(retired)};
        continue;
      }
      if (*sealed_at > retired) {
        why = SealPolicyOutcome{Code::kSealRetired,
                                "sealed " + format_beijing(*sealed_at) + ", seal retired " + format_beijing(retired)};
        continue;
      }
    }
    return {Code::kSealAuthorized, s.body};
  }
  return why ? *why : SealPolicyOutcome{Code::kSealNotListed, fingerprint};
}

}  // namespace sealcheck
