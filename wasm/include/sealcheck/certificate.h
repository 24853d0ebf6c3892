// The certificate data model shared by the issuer (which embeds it in the
// sealed PDF) and the verifier (which reads it back from the signed bytes).
// Embedded as the attachment "sealcheck-certificate.json", format
// "sealcheck-certificate/1".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sealcheck/codes.h"

namespace sealcheck {

inline constexpr std::string_view kCertificateFormat = "sealcheck-certificate/1";
inline constexpr std::string_view kCertificateAttachment = "sealcheck-certificate.json";

struct CertificateData final {
  std::string number;             // 证书编号
  std::string management_number;  // 管理号
  std::string holder;             // 姓名
  std::string gender;             // 性别
  std::string id_type;            // 证件类型
  std::string id_number;          // 证件号码: masked in PDFs, full only in the issuer's ledger
  std::string qualification;      // 资格名称
  std::string level;              // 级别
  std::string specialty;          // 专业
  std::string approval_date;      // 批准日期 YYYY-MM-DD
  std::string issue_date;         // 签发日期 YYYY-MM-DD
  std::string issuing_body;       // 颁发单位 / 发证机关
};

// 加注: dates are whole days in Beijing time; the window holds from
// not_before 00:00:00 through not_after 23:59:59 (UTC+8).
struct Annotation final {
  std::string scenario;    // 使用场景, e.g. 本人调用
  std::string not_before;  // YYYY-MM-DD
  std::string not_after;   // YYYY-MM-DD
  std::string applied_on;  // YYYY-MM-DD, the application day
};

struct CertificateDocument final {
  CertificateData certificate;
  std::optional<Annotation> annotation;
};

// Strict: the format tag, every certificate field as a string, dates as
// valid YYYY-MM-DD, numbers in canonical form (is_canonical_number), every
// text field clean (is_clean_text). nullopt with a reason otherwise; code
// (if given) says which: kCertificateNumberMalformed,
// kCertificateTextMalformed or kCertificateDataMalformed.
std::optional<CertificateDocument> parse_certificate_document(std::string_view json, std::string* error = nullptr,
                                                              Code* code = nullptr);
// Reads the issuer's input (CERT.json): the certificate fields only, under
// the same rules (the issuer refuses what the verifier would not accept).
std::optional<CertificateData> parse_certificate_input(std::string_view json, std::string* error = nullptr,
                                                       Code* code = nullptr);

// The one canonical form of a certificate number (证书编号) and a management
// number (管理号): 1 to 64 characters from ASCII 0-9, A-Z and "-", not
// starting or ending with "-" and never "--". Anything else (a space, an
// ideographic space, a zero-width character, a full-width digit, a
// lower-case or look-alike letter) is malformed: shown on a screen it would
// pass for another number while missing it in the revocation list.
// Revocation keys are computed from this form only.
bool is_canonical_number(std::string_view number);

// Text that is shown as a certificate detail (name, issuing body,
// qualification ...): valid UTF-8 with no control, format or invisible
// character (zero-width and bidirectional marks, soft hyphen, variation
// selectors, fillers, private use, noncharacters, U+FFFD), no space other
// than U+0020, and U+0020 only singly between other characters.
bool is_clean_text(std::string_view text);
std::string to_json(const CertificateDocument& doc);

// "110101199001011234" -> "1101**********1234"; short numbers are masked
// entirely but for the last character.
std::string mask_id_number(std::string_view id);

// True for a valid calendar date "YYYY-MM-DD".
bool is_date(std::string_view text);

}  // namespace sealcheck
