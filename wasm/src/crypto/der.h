// A minimal DER reader and writer for the structures OpenSSL 3.0 does not
// know (SM2 SignedData checks, GB/T 38540 electronic seals): single-byte
// tags, definite lengths, spans into the input, nothing interpreted.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace sealcheck {

using DerSpan = std::span<const std::uint8_t>;

struct DerTlv final {
  std::uint8_t tag = 0;
  DerSpan value;  // the content octets
  DerSpan whole;  // tag, length and content
};

namespace der {
constexpr std::uint8_t kInteger = 0x02, kBitString = 0x03, kOctetString = 0x04, kOid = 0x06, kUtf8String = 0x0c,
                       kPrintableString = 0x13, kIa5String = 0x16, kUtcTime = 0x17, kGeneralizedTime = 0x18,
                       kSequence = 0x30, kSet = 0x31, kContext0 = 0xa0, kContext1 = 0xa1;
}  // namespace der

// The DER element at the front of `in` (single-byte tags, definite lengths
// of at most 4 length octets); advances `in`. nullopt if malformed.
std::optional<DerTlv> der_next(DerSpan& in);

// der_next, and the element must carry `tag`.
std::optional<DerTlv> der_expect(DerSpan& in, std::uint8_t tag);

// One DER element: tag, definite length, value.
std::vector<std::uint8_t> der_tlv(std::uint8_t tag, DerSpan value);

// Dotted text of a DER OBJECT IDENTIFIER's content octets ("" if malformed).
std::string oid_text(DerSpan content);

}  // namespace sealcheck
