#include "text/fields.h"

#include <algorithm>

#include "text/normalize.h"

namespace sealcheck::text {
namespace {

struct Label {
  std::u32string_view text;
  Field field;
};

// Labels and synonyms. Matched on folded text without spaces, longest
// first, so 加注有效期 wins over 有效期 and 有效期至 over 有效期.
constexpr Label kLabels[] = {
    {U"证书编号", Field::kNumber},
    {U"证书号码", Field::kNumber},
    {U"证书号", Field::kNumber},
    {U"资格证书编号", Field::kNumber},
    {U"电子证书编号", Field::kNumber},
    {U"管理号", Field::kManagementNumber},
    {U"证书管理号", Field::kManagementNumber},
    {U"姓名", Field::kHolder},
    {U"持证人", Field::kHolder},
    {U"持证人姓名", Field::kHolder},
    {U"性别", Field::kGender},
    {U"证件类型", Field::kIdType},
    {U"证件号码", Field::kIdNumber},
    {U"证件号", Field::kIdNumber},
    {U"身份证号码", Field::kIdNumber},
    {U"身份证号", Field::kIdNumber},
    {U"身份证件号码", Field::kIdNumber},
    {U"证件编号", Field::kIdNumber},
    {U"公民身份号码", Field::kIdNumber},
    {U"资格名称", Field::kQualification},
    {U"职业资格名称", Field::kQualification},
    {U"级别", Field::kLevel},
    {U"资格级别", Field::kLevel},
    {U"专业", Field::kSpecialty},
    {U"专业类别", Field::kSpecialty},
    {U"专业名称", Field::kSpecialty},
    {U"批准日期", Field::kApprovalDate},
    {U"批准时间", Field::kApprovalDate},
    {U"签发日期", Field::kIssueDate},
    {U"发证日期", Field::kIssueDate},
    {U"签发时间", Field::kIssueDate},
    {U"发证时间", Field::kIssueDate},
    {U"颁发日期", Field::kIssueDate},
    {U"颁发单位", Field::kIssuingBody},
    {U"发证机关", Field::kIssuingBody},
    {U"发证单位", Field::kIssuingBody},
    {U"签发单位", Field::kIssuingBody},
    {U"颁证单位", Field::kIssuingBody},
    {U"发证机构", Field::kIssuingBody},
    {U"颁发机构", Field::kIssuingBody},
    {U"颁发机关", Field::kIssuingBody},
    {U"使用场景", Field::kScenario},
    {U"加注使用场景", Field::kScenario},
    {U"加注有效期", Field::kValidity},
    {U"加注有效期限", Field::kValidity},
    {U"加注有效期至", Field::kValidUntil},
    {U"有效期", Field::kPlainValidity},
    {U"有效期限", Field::kPlainValidity},
    {U"有效期至", Field::kPlainValidUntil},
    {U"有效期截止", Field::kPlainValidUntil},
    {U"有效截止日期", Field::kPlainValidUntil},
    {U"申请日期", Field::kAppliedOn},
    {U"加注申请日期", Field::kAppliedOn},
    {U"申请时间", Field::kAppliedOn},
};

// One character of a line, with what the layout said about the gap before it.
struct Char {
  char32_t folded;
  char32_t original;
  double x0, x1, size, gap;
  bool space_before;
};

std::vector<Char> chars_of(const TextLine& line) {
  std::vector<Char> out;
  for (const TextCell& c : line.cells) {
    bool first = true;
    for (const char32_t ch : c.text) {
      if (is_space_for_matching(ch)) continue;
      // Latin ligatures (ﬁ ﬂ ...) are the letters they join, as NFKC says.
      for (const char32_t letter : expand_ligature(ch)) {
        out.push_back({fold_for_matching(letter), fold_radical(letter), c.x0, c.x1, c.size, first ? c.gap : 0,
                       first && c.space_before});
        first = false;
      }
    }
  }
  return out;
}

bool is_separator(char32_t c) {
  switch (c) {
    case U':':
    case U'|':
    case U',':
    case U';':
    case U')':
    case U']':
    case 0xFF0C:  // ，
    case 0xFF1B:  // ；
    case 0x3001:  // 、
    case 0xFF09:  // ）
    case 0x3011:  // 】
    case 0x3002:  // 。
      return true;
    default: return false;
  }
}
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// English glosses bilingual certificates print after a label ("姓名 Name",
// "证书编号/Certificate No.:"): skipped as part of the label. Letters only,
// lower case, words joined.
constexpr std::u32string_view kGlosses[] = {
    U"name",
    U"fullname",
    U"nameofholder",
    U"holder",
    U"holdername",
    U"sex",
    U"gender",
    U"idtype",
    U"typeofid",
    U"idno",
    U"idnumber",
    U"idcardno",
    U"idcardnumber",
    U"qualification",
    U"nameofqualification",
    U"qualificationname",
    U"level",
    U"grade",
    U"specialty",
    U"speciality",
    U"specialization",
    U"major",
    U"dateofapproval",
    U"approvaldate",
    U"approvedon",
    U"dateofissue",
    U"issuedate",
    U"issuedon",
    U"managementno",
    U"managementnumber",
    U"certificateno",
    U"certificatenumber",
    U"no",
    U"serialno",
    U"issuingauthority",
    U"issuedby",
    U"authority",
    U"issuingbody",
    U"issuer",
    U"scenario",
    U"usagescenario",
    U"usage",
    U"validity",
    U"validuntil",
    U"validityperiod",
    U"periodofvalidity",
    U"expirydate",
    U"dateofapplication",
    U"applicationdate",
    U"appliedon",
};

bool is_ascii_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

// Where a label ending at `j` really ends: past an English gloss, if one
// follows (optionally after "/" or in brackets).
std::size_t past_gloss(const std::vector<Char>& ch, std::size_t j) {
  std::size_t k = j;
  const bool bracket = k < ch.size() && ch[k].folded == U'(';
  if (k < ch.size() && (ch[k].folded == U'/' || bracket)) ++k;
  std::u32string key;
  std::size_t best = j;
  for (int words = 0; words < 4 && k < ch.size() && is_ascii_letter(ch[k].folded); ++words) {
    const std::size_t start = k;
    while (k < ch.size() && (is_ascii_letter(ch[k].folded) || ch[k].folded == U'.') &&
           (k == start || !ch[k].space_before)) {
      const bool dot = ch[k].folded == U'.';
      if (!dot) key.push_back(ch[k].folded | 0x20);
      ++k;
      if (dot) break;  // "No." ends its word even when the value follows at once
    }
    if (std::find(std::begin(kGlosses), std::end(kGlosses), key) != std::end(kGlosses)) {
      best = k;
      if (bracket && best < ch.size() && ch[best].folded == U')') ++best;
    }
  }
  return best;
}

constexpr std::size_t kMaxLabelsPerLine = 32;

bool is_annotation_field(Field f) {
  return f == Field::kScenario || f == Field::kValidity || f == Field::kValidUntil || f == Field::kAppliedOn ||
         f == Field::kPlainValidity || f == Field::kPlainValidUntil;
}

struct Found {
  std::size_t begin, end;  // chars [begin, end)
  Field field;
  bool colon_only;  // recognised by its colon alone, inside running text
};

std::vector<Found> find_labels(const std::vector<Char>& ch) {
  std::vector<Found> out;
  for (std::size_t i = 0; i < ch.size();) {
    const Label* best = nullptr;
    for (const Label& l : kLabels) {
      if (l.text.size() > ch.size() - i || (best && l.text.size() <= best->text.size())) continue;
      bool same = true;
      for (std::size_t k = 0; k < l.text.size() && same; ++k) same = ch[i + k].folded == l.text[k];
      if (same) best = &l;
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    const std::size_t j = past_gloss(ch, i + best->text.size());
    // Labels are ideographs: one right after Latin text ("Name/姓名") starts a word.
    const bool start = i == 0 || ch[i].space_before || is_separator(ch[i - 1].folded) || ch[i - 1].folded == U'/' ||
                       !is_cjk(ch[i - 1].original);
    const bool colon = j < ch.size() && ch[j].folded == U':';
    const bool gloss_dot = j > i + best->text.size() && ch[j - 1].folded == U'.';  // "No.ABC-1"
    const bool end = j == ch.size() || colon || ch[j].space_before || is_digit(ch[j].folded) || gloss_dot;
    // The annotation may be printed as a sentence (本证书加注使用场景为本人调用，
    // 加注有效期自2025年5月1日至2025年7月29日): its labels then stand in
    // running text, followed by 为 or 自.
    const bool sentence =
        is_annotation_field(best->field) && j < ch.size() && (ch[j].folded == U'为' || ch[j].folded == U'自');
    if ((start && end) || colon || sentence) {
      out.push_back({i, j, best->field, !(start && end) && !sentence});
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

// Punctuation that ends a value rather than belonging to it ("本人调用；").
bool is_trailing_punctuation(char32_t c) {
  return c == U';' || c == U',' || c == U'|' || c == 0xFF1B || c == 0xFF0C || c == 0x3001 || c == 0x3002;
}

FieldValue value_of(const std::vector<Char>& ch, std::size_t begin, std::size_t end, std::size_t page) {
  while (end > begin && is_trailing_punctuation(ch[end - 1].folded)) --end;
  FieldValue v;
  v.page = page;
  std::u32string display;
  for (std::size_t k = begin; k < end; ++k) {
    const Char& c = ch[k];
    if (k > begin && c.space_before && !(is_cjk(c.original) && is_cjk(ch[k - 1].original))) display.push_back(U' ');
    display.push_back(fold_radical(c.original));
    v.compact.push_back(c.folded);
    if (c.original == 0xFFFD) v.unmapped = true;
  }
  v.display = encode_utf8(display);
  return v;
}

// Where a value that starts at `from` ends: the next label, or a gap of
// three ems once some value has been read (a neighbouring column's text).
std::size_t value_end(const std::vector<Char>& ch, std::size_t from, std::size_t limit) {
  for (std::size_t k = from; k < limit; ++k) {
    if (k > from && ch[k].gap >= 3.0) return k;
  }
  return limit;
}

}  // namespace

std::string_view label_of(Field f) {
  static const std::string names[] = {"证书编号", "管理号",     "姓名",         "性别",     "证件类型", "证件号码",
                                      "资格名称", "级别",       "专业",         "批准日期", "签发日期", "颁发单位",
                                      "使用场景", "加注有效期", "加注有效期至", "申请日期", "有效期",   "有效期至"};
  return names[static_cast<std::size_t>(f)];
}

PageFields read_fields(const std::vector<TextLine>& lines) {
  PageFields out;
  std::vector<std::vector<Char>> chars;
  std::vector<std::vector<Found>> labels;
  for (const TextLine& l : lines) {
    chars.push_back(chars_of(l));
    labels.push_back(find_labels(chars.back()));
  }
  auto record = [&](Field f, FieldValue v) {
    auto& slot = out.values[static_cast<std::size_t>(f)];
    if (slot && slot->compact != v.compact && out.ambiguity.empty()) {
      out.ambiguity = std::string(label_of(f)) + ": \"" + slot->display + "\" / \"" + v.display + "\"";
    }
    if (!slot) slot = std::move(v);
  };
  // A value that runs to the end of line `li` and wraps (a long name in a
  // narrow cell) goes on at the same left edge just below: a line with no
  // label, in the same size, starting within half an em of the value's
  // first character and no wider than the value's line.
  auto wrap = [&](std::size_t li, std::size_t from, FieldValue& v) {
    const std::vector<Char>& ch = chars[li];
    if (li + 1 >= lines.size() || lines[li + 1].page != lines[li].page || !labels[li + 1].empty() ||
        chars[li + 1].empty() || from >= ch.size()) {
      return;
    }
    const std::vector<Char>& next = chars[li + 1];
    const double em = ch[from].size;
    const double distance = lines[li].y - lines[li + 1].y;
    const bool aligned = std::abs(next.front().x0 - ch[from].x0) <= 0.5 * em;
    const bool same_size = std::abs(next.front().size - em) <= 0.15 * em;
    if (distance > 0 && distance <= 1.5 * em && aligned && same_size && next.back().x1 <= ch.back().x1 + 0.5 * em) {
      const FieldValue more = value_of(next, 0, value_end(next, 0, next.size()), lines[li].page);
      // A line broken between words lost its space; between ideographs there was none.
      if (!(is_cjk(ch.back().original) && is_cjk(next.front().original))) v.display.push_back(' ');
      v.display += more.display;
      v.compact += more.compact;
      v.unmapped = v.unmapped || more.unmapped;
    }
  };
  for (std::size_t li = 0; li < lines.size(); ++li) {
    const std::vector<Char>& ch = chars[li];
    const std::vector<Found>& found = labels[li];
    out.labels += found.size();
    // A certificate prints a few labels per line; hundreds are no layout
    // to read (and would make the label-row matching quadratic).
    if (found.size() > kMaxLabelsPerLine) {
      if (out.ambiguity.empty()) out.ambiguity = std::to_string(found.size()) + " labels on one line";
      continue;
    }
    for (std::size_t k = 0; k < found.size(); ++k) {
      const Found& f = found[k];
      if (f.colon_only && out.ambiguity.empty()) {
        out.ambiguity = "a label inside another value: " + std::string(label_of(f.field));
      }
      std::size_t from = f.end;
      while (from < ch.size() && (ch[from].folded == U':' || (from == f.end && ch[from].folded == U'为'))) ++from;
      const std::size_t limit = k + 1 < found.size() ? found[k + 1].begin : ch.size();
      const std::size_t to = value_end(ch, from, limit);
      if (to > from) {
        FieldValue v = value_of(ch, from, to, lines[li].page);
        if (to == ch.size()) wrap(li, from, v);
        record(f.field, std::move(v));
        continue;
      }
      // Nothing after the label on its line: the value is on the next line,
      // below the label (a row of labels over a row of values), or the
      // whole next line when the label stands alone.
      if (li + 1 >= lines.size() || lines[li + 1].page != lines[li].page) continue;
      const double distance = lines[li].y - lines[li + 1].y;
      if (distance <= 0 || distance > 2.5 * std::max(lines[li].size, lines[li + 1].size)) continue;
      const std::vector<Char>& next = chars[li + 1];
      const std::vector<Found>& next_labels = labels[li + 1];
      const std::size_t next_limit = next_labels.empty() ? next.size() : next_labels.front().begin;
      if (found.size() == 1 && f.begin == 0) {
        const std::size_t end = value_end(next, 0, next_limit);
        if (end == 0) continue;
        FieldValue v = value_of(next, 0, end, lines[li].page);
        if (end == next.size()) wrap(li + 1, 0, v);
        record(f.field, std::move(v));
        continue;
      }
      // Under the label: from the first character starting at or after the
      // label's left edge (less half an em) to the next column's label.
      const double left = ch[f.begin].x0 - 0.5 * ch[f.begin].size;
      const double right = k + 1 < found.size() ? ch[found[k + 1].begin].x0 - 0.5 * ch[f.begin].size : 1e18;
      std::size_t b = 0;
      while (b < next_limit && next[b].x0 < left) ++b;
      std::size_t e = b;
      while (e < next_limit && next[e].x0 < right) ++e;
      if (e > b) record(f.field, value_of(next, b, value_end(next, b, e), lines[li].page));
    }
  }
  return out;
}

}  // namespace sealcheck::text
