// A CMS / PKCS#7 SignedData read by hand, for the seals OpenSSL 3.0's CMS
// layer cannot check: SM2 with SM3, under the PKCS#7 OIDs or the GM/T 0010
// ones (signedData 1.2.156.10197.6.1.4.2.2, data ...4.2.1). DER only
// (definite lengths), spans into the input, nothing interpreted beyond the
// structure: the checks (digest, signature, chain) are the caller's.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "crypto/der.h"

namespace sealcheck {

struct SignedDataSigner final {
  DerSpan issuer;                              // sid: issuerAndSerialNumber's Name (whole TLV)
  DerSpan serial;                              // its INTEGER (whole TLV)
  std::string digest_algorithm;                // dotted OID, e.g. "1.2.156.10197.1.401"
  std::optional<DerSpan> signed_attributes;    // the [0] TLV as in the file
  std::string signature_algorithm;             // dotted OID
  DerSpan signature;                           // OCTET STRING content
  std::optional<DerSpan> unsigned_attributes;  // the [1] TLV, if any
};

struct SignedDataView final {
  bool gmt_oids = false;              // GM/T 0010 contentType OIDs
  std::string content_type;           // dotted OID of the ContentInfo
  std::string encapsulated_type;      // eContentType, dotted
  bool detached = true;               // no eContent
  DerSpan content;                    // eContent's OCTET STRING content, when not detached
  std::vector<DerSpan> certificates;  // each a whole Certificate TLV
  std::vector<SignedDataSigner> signers;
};

// nullopt unless `der` (trailing zero padding allowed, as in /Contents) is a
// ContentInfo holding a SignedData under either OID family.
std::optional<SignedDataView> parse_signed_data(DerSpan der);

// The signed attributes as they were signed: the [0] IMPLICIT tag replaced by
// SET OF (RFC 5652 5.4).
std::vector<std::uint8_t> signed_attributes_to_sign(DerSpan signed_attributes_tlv);

// The value of the one attribute `oid` (dotted) in a signed-attributes TLV:
// the whole TLV of its single AttributeValue; nullopt if absent, repeated or
// multi-valued.
std::optional<DerSpan> signed_attribute(DerSpan signed_attributes_tlv, const std::string& oid);

// The same for an unsignedAttrs [1] TLV; `count` (when given) is set to how
// many attributes of that type there are (more than one: nullopt).
std::optional<DerSpan> unsigned_attribute(DerSpan unsigned_attributes_tlv, const std::string& oid,
                                          std::size_t* count = nullptr);

}  // namespace sealcheck
