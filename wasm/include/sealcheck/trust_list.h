// The signed trust list (sealcheck-trust/1): which seal certificates are
// authoritative, and for which issuing body. Published beside the
// revocation list, signed by a trust anchor's key (pinned, never fetched).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sealcheck/codes.h"
#include "sealcheck/revocation.h"

namespace sealcheck {

class ListMemory;

inline constexpr std::string_view kTrustListFormat = "sealcheck-trust/1";

struct TrustedSeal final {
  std::string body;                // issuing body, exactly as certificates name it
  std::string seal_name;           // for display
  std::string certificate_sha256;  // hex SHA-256 of the seal certificate's DER
  // The qualifications it seals (empty: any of the body's) and the first
  // Beijing day it is used to seal on (empty: always). The day is compared
  // with the seal's signing time (when the e-certificate was made, 制发),
  // never with the qualification's issue date.
  std::vector<std::string> qualifications;
  std::string from;
  // Its lifecycle, ISO 8601 times (empty: none recorded). `until`: retired
  // then; a seal whose time is later is not the body's. `compromised_at`:
  // its key leaked then; only a seal whose time is proven earlier (a
  // trusted timestamp) is still the body's, one merely claiming an earlier
  // time cannot be told from a back-dated forgery.
  std::string until{};
  std::string compromised_at{};
};

struct TrustListInput final {
  Bytes json;
  Bytes signature;
};

// A time-stamping authority whose tokens prove when a seal was made: the
// anchor its certificates chain to (its own certificate or its CA's).
struct TrustedTsa final {
  std::string name;             // for display
  std::string certificate_pem;  // one certificate, PEM
};

struct TrustList final {
  std::uint64_t list_number = 0;
  std::int64_t issued = 0;
  std::vector<TrustedSeal> seals;
  std::vector<TrustedTsa> tsas{};  // "tsa" (optional): timestamps are trusted only through these
};

// The TSA anchors (DER) of a trust list signed by a pinned anchor; empty
// when there is no such list or it names none.
std::vector<Bytes> trusted_tsa_anchors(const TrustListInput* input, const std::vector<Bytes>& pinned,
                                       ListMemory* memory = nullptr);

std::optional<TrustList> parse_trust_list(std::span<const std::uint8_t> json);
std::string trust_list_json(const TrustList& list);

struct SealPolicyOutcome final {
  Code code;
  std::string detail;
};

// Is the seal (its certificate's SHA-256) the authoritative one for the
// certificate's issuing body, per a trust list signed by a pinned anchor?
// sealed_at: the seal's time (nullopt: unknown, so a seal with a first day
// of use or a retirement cannot be placed); time_proven: that time comes
// from a trusted timestamp rather than the seal's own claim.
SealPolicyOutcome check_seal_policy(const TrustListInput* input, const std::vector<Bytes>& pinned,
                                    const std::string& seal_certificate_sha256, const std::string& issuing_body,
                                    const std::string& qualification, std::optional<std::int64_t> sealed_at,
                                    bool time_proven, ListMemory* memory = nullptr);

}  // namespace sealcheck
