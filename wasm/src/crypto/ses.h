// GB/T 38540-2020 electronic seals (安全电子签章), version 4: an
// SES_Signature in a PDF's /Contents, carrying the seal (SESeal) the seal
// maker (制章人) signed, the signer's certificate, the document digest and
// the signer's SM2 signature. Read by hand, DER only, spans into the input;
// the checks (digest, signatures, validity, trust) are the caller's.
//
//   SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING,
//       signatureAlgID OBJECT IDENTIFIER, signature BIT STRING,
//       timeStamp [0] BIT STRING OPTIONAL }
//   TBS_Sign ::= SEQUENCE { version INTEGER (4), eseal SESeal,
//       timeInfo GeneralizedTime, dataHash BIT STRING,
//       propertyInfo IA5String, extDatas ExtensionDatas OPTIONAL }
//   SESeal ::= SEQUENCE { esealInfo SES_SealInfo, cert OCTET STRING,
//       signAlgID OBJECT IDENTIFIER, signedValue BIT STRING }
//   SES_SealInfo ::= SEQUENCE { header SES_Header, esID IA5String,
//       property SES_ESPropertyInfo, picture SES_ESPictrueInfo,
//       extDatas ExtensionDatas OPTIONAL }
//   SES_Header ::= SEQUENCE { id IA5String ("ES"), version INTEGER (4),
//       vid IA5String }
//   SES_ESPropertyInfo ::= SEQUENCE { type INTEGER, name UTF8String,
//       certListType INTEGER, certList SES_CertList,
//       createDate GeneralizedTime, validStart GeneralizedTime,
//       validEnd GeneralizedTime }
//   SES_CertList ::= CHOICE { certs SEQUENCE OF OCTET STRING (type 1),
//       certDigestList SEQUENCE OF CertDigestObj (type 2) }
//   CertDigestObj ::= SEQUENCE { type PrintableString, value OCTET STRING }
//   SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING,
//       width INTEGER, height INTEGER }
//
// GM/T 0031-2014 (version 1), as OFD producers still write it:
//   SES_Signature ::= SEQUENCE { toSign TBS_Sign, signature BIT STRING }
//   TBS_Sign ::= SEQUENCE { version INTEGER (1), eseal SESeal,
//       timeInfo BIT STRING (the time as text, or a timestamp token),
//       dataHash BIT STRING, propertyInfo IA5String, cert OCTET STRING,
//       signatureAlgorithm OBJECT IDENTIFIER }
//   SESeal ::= SEQUENCE { esealInfo SES_SealInfo (header version 1;
//       property without certListType: certList SEQUENCE OF OCTET STRING,
//       UTCTime dates), signInfo SEQUENCE { cert OCTET STRING,
//       signatureAlgorithm OBJECT IDENTIFIER, signData BIT STRING } }
// The v1 maker signs SEQUENCE { esealInfo, cert, signatureAlgorithm }, the
// v4 maker the seal info alone (ses_signed_forms tries both for either).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crypto/der.h"

namespace sealcheck {

struct SesCertDigest final {
  std::string algorithm;  // CertDigestObj.type, e.g. "SM3"
  DerSpan value;
};

struct SesSeal final {
  DerSpan info;                             // the SES_SealInfo TLV: what the maker signed
  DerSpan maker_cert;                       // DER certificate (content of the OCTET STRING)
  DerSpan cert_tlv;                         // the OCTET STRING TLV itself
  DerSpan alg_tlv;                          // the signAlgID TLV
  std::string algorithm;                    // signAlgID, dotted
  DerSpan signed_value;                     // BIT STRING content after the unused-bits octet
  std::string vid;                          // header vendor ID
  std::string es_id;                        // 印章编码
  std::int64_t type = 0;                    // 印章类型
  std::string name;                         // 印章名称 (UTF-8)
  std::int64_t cert_list_type = 0;          // 1: certificates, 2: digests
  std::vector<DerSpan> certs;               // certListType 1
  std::vector<SesCertDigest> cert_digests;  // certListType 2
  DerSpan created, valid_start, valid_end;  // GeneralizedTime (or UTCTime) TLVs
  std::string picture_type;                 // SES_ESPictrueInfo.type ("PNG", "JPG", "GIF", "OFD" ...)
  DerSpan picture;                          // its data
};

struct SesSignatureView final {
  int version = 4;        // 4 (GB/T 38540) or 1 (GM/T 0031)
  DerSpan to_sign;        // the TBS_Sign TLV: what the signer signed
  DerSpan signer_cert;    // DER certificate (content of the OCTET STRING)
  DerSpan cert_tlv;       // the OCTET STRING TLV
  DerSpan alg_tlv;        // the signatureAlgID TLV
  std::string algorithm;  // signatureAlgID, dotted
  DerSpan signature;      // BIT STRING content after the unused-bits octet
  bool has_timestamp = false;
  DerSpan timestamp;  // the timeStamp's RFC 3161 token (DER), when has_timestamp
  SesSeal seal;
  DerSpan time_info;  // v4: the GeneralizedTime (or UTCTime) TLV; v1: the BIT STRING's content
  DerSpan data_hash;  // BIT STRING content after the unused-bits octet
  std::string property_info;
};

enum class SesShape {
  kNotSes,        // not an SES_Signature at all (try CMS)
  kOtherVersion,  // an SES_Signature of version 2 or 3: not supported
  kMalformed,     // looks like a version-1 or -4 SES_Signature but does not parse
  kOk,
};

struct SesParse final {
  SesShape shape = SesShape::kNotSes;
  SesSignatureView view;  // filled when shape == kOk
};

// Reads `der` (trailing zero padding allowed, as in /Contents).
SesParse parse_ses_signature(DerSpan der);

// The byte strings a signature may have been made over, most common first:
// the DER of the signed structure alone (as ofdrw and most verifiers do),
// then SEQUENCE { structure, cert, algorithm } (a reading of the standard's
// text some signers follow). Both are the signer's own statement: either
// proves the key holder signed these exact fields.
std::vector<std::vector<std::uint8_t>> ses_signed_forms(DerSpan structure, DerSpan cert_tlv, DerSpan alg_tlv);

// An SM2 signature as DER SEQUENCE { r, s } (GB/T 35276), built from the
// 64-byte r || s some writers put in the BIT STRING instead; any other
// length is returned as it is. (A DER signature is never 64 bytes long but
// with negligible probability; callers try the value as it is first.)
std::vector<std::uint8_t> ses_der_signature(DerSpan signature);

// An SM2 signature SEQUENCE { INTEGER r, INTEGER s } whose INTEGERs are
// not minimal (leading zero octets some producers write, which OpenSSL 3
// refuses), re-encoded as DER; nullopt when it is no such thing or already
// DER.
std::optional<std::vector<std::uint8_t>> ses_normalised_signature(DerSpan signature);

}  // namespace sealcheck
