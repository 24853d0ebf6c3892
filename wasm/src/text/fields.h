// Labelled fields from the lines of a page, read as a person reads them:
// by their labels (one table of labels and synonyms), never by position on
// a known layout. The value of a label is what follows it on its line, up
// to the next label or a wide gap, continued on the line below when it
// wraps there at the same left edge; a label standing alone (or a row of
// labels) takes its value from the line below (the part of it under the
// label). A label found twice with different values, or a label that only
// its colon marks inside another label's value, makes the reading
// ambiguous: the caller refuses it instead of choosing.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/layout.h"

namespace sealcheck::text {

enum class Field : unsigned char {
  kNumber,            // 证书编号
  kManagementNumber,  // 管理号
  kHolder,            // 姓名
  kGender,            // 性别
  kIdType,            // 证件类型
  kIdNumber,          // 证件号码
  kQualification,     // 资格名称
  kLevel,             // 级别
  kSpecialty,         // 专业
  kApprovalDate,      // 批准日期
  kIssueDate,         // 签发日期
  kIssuingBody,       // 颁发单位
  kScenario,          // 使用场景
  kValidity,          // 加注有效期 (a range, or 至 + an end)
  kValidUntil,        // 加注有效期至 (an end date)
  kAppliedOn,         // 申请日期
  // 有效期 / 有效期至 without 加注: the annotation's only beside a usage
  // scenario (a qualification may print its own validity).
  kPlainValidity,
  kPlainValidUntil,
};
inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::kPlainValidUntil) + 1;

struct FieldValue final {
  std::string display;     // as printed (radicals folded), a space kept unless between two ideographs
  std::u32string compact;  // folded for matching, without any space
  std::size_t page = 0;
  bool unmapped = false;  // holds a glyph no table maps to text
};

struct PageFields final {
  std::array<std::optional<FieldValue>, kFieldCount> values;
  std::string ambiguity;   // non-empty: why the page has no single reading
  std::size_t labels = 0;  // labels found
};

PageFields read_fields(const std::vector<TextLine>& lines);

// The label a field is shown with in messages (its first synonym).
std::string_view label_of(Field f);

}  // namespace sealcheck::text
