#include "text/page_certificate.h"

#include <algorithm>

#include "sealcheck/limits.h"
#include "text/content.h"
#include "text/layout.h"
#include "text/normalize.h"
#include "text/pdf_access.h"

namespace sealcheck::text {
namespace {

bool digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_ascii_alnum(char32_t c) { return digit(c) || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

std::optional<int> digits(std::u32string_view s, std::size_t& at, std::size_t min, std::size_t max) {
  std::size_t n = 0;
  int v = 0;
  while (at + n < s.size() && n < max && digit(s[at + n])) v = v * 10 + static_cast<int>(s[at + n++] - U'0');
  if (n < min) return std::nullopt;
  at += n;
  return v;
}

// The pages in order (bounded), from the page tree of the final revision.
std::vector<pdf::Object> pages_of(pdf::Document& doc, bool& truncated) {
  std::vector<pdf::Object> out;
  const pdf::Object root = doc.trailer() ? get(doc, *doc.trailer(), "Root") : pdf::Object{};
  const pdf::Dict* catalog = root.as_dict();
  if (catalog == nullptr) return out;
  std::vector<std::pair<pdf::Object, int>> stack{{get(doc, *catalog, "Pages"), 0}};
  std::size_t visited = 0;
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    const pdf::Dict* d = node.as_dict();
    if (d == nullptr || depth > 32 || ++visited > 4096) continue;
    const pdf::Object kids = get(doc, *d, "Kids");
    if (const pdf::Array* ka = kids.as_array()) {
      for (std::size_t i = ka->size(); i-- > 0;) stack.emplace_back(doc.resolve((*ka)[i]), depth + 1);
    } else {
      if (out.size() >= limits::kMaxTextPages) {
        truncated = true;
        break;
      }
      out.push_back(node);
    }
  }
  return out;
}

// Filled or stroked paths on pages without text from which they are taken
// for text drawn as outlines (a frame and an ornament take a few dozen).
constexpr std::size_t kOutlinedTextPaths = 200;

// "—", "-", "/", "无": printed for "none".
bool is_none(std::u32string_view v) { return v.empty() || v == U"-" || v == U"/" || v == U"无" || v == U"--"; }

bool id_text(std::u32string_view v) {
  return std::all_of(v.begin(), v.end(), [](char32_t c) {
    return digit(c) || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || c == U'*';
  });
}

struct Target {
  Field field;
  std::string CertificateData::*member;
  enum Kind { kText, kNumber, kDate, kId, kOptional } kind;
};
constexpr Target kTargets[] = {
    {Field::kNumber, &CertificateData::number, Target::kNumber},
    {Field::kManagementNumber, &CertificateData::management_number, Target::kNumber},
    {Field::kHolder, &CertificateData::holder, Target::kText},
    {Field::kGender, &CertificateData::gender, Target::kText},
    {Field::kIdType, &CertificateData::id_type, Target::kText},
    {Field::kIdNumber, &CertificateData::id_number, Target::kId},
    {Field::kQualification, &CertificateData::qualification, Target::kText},
    {Field::kLevel, &CertificateData::level, Target::kOptional},
    {Field::kSpecialty, &CertificateData::specialty, Target::kOptional},
    {Field::kApprovalDate, &CertificateData::approval_date, Target::kDate},
    {Field::kIssueDate, &CertificateData::issue_date, Target::kDate},
    {Field::kIssuingBody, &CertificateData::issuing_body, Target::kText},
};

// What may follow a printed date or range: nothing, 止, or a remark in brackets.
bool tail_ok(std::u32string_view s, std::size_t at) {
  return at == s.size() || s.substr(at) == U"止" || s[at] == U'(' || s[at] == 0x3010;
}

// Characters that draw nothing or steer the display (is_clean_text's
// hidden set) replaced by U+FFFD, U+0020 kept.
std::string visible_only(const std::string& line) {
  std::u32string u = decode_utf8(line);
  for (char32_t& c : u) {
    if (c != U' ' && !is_clean_text(encode_utf8(std::u32string_view(&c, 1)))) c = 0xFFFD;
  }
  return encode_utf8(u);
}

// A line as shown to a person: an identity number in it (15 or 18
// characters, digits with a final X) masked as the card masks it, so a
// report never carries one in full.
std::string masked_line(const std::string& line) {
  std::u32string u = decode_utf8(line);
  auto is_d = [&](std::size_t k) { return k < u.size() && digit(fold_for_matching(u[k])); };
  for (std::size_t i = 0; i < u.size();) {
    if (!is_d(i) || (i > 0 && is_d(i - 1))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (is_d(j)) ++j;
    if (j < u.size() && j - i == 17 && (fold_for_matching(u[j]) | 0x20) == U'x') ++j;
    const std::size_t n = j - i;
    if ((n == 15 || n == 18) && !(j < u.size() && is_ascii_alnum(fold_for_matching(u[j])))) {
      std::string ascii;
      for (std::size_t k = i; k < j; ++k) ascii.push_back(static_cast<char>(fold_for_matching(u[k])));
      const std::u32string masked = decode_utf8(mask_id_number(ascii));
      u.replace(i, n, masked);
    }
    i = j;
  }
  return encode_utf8(u);
}

}  // namespace

std::optional<std::string> parse_printed_date(std::u32string_view s, std::size_t& at) {
  std::size_t p = at;
  const auto y = digits(s, p, 4, 4);
  if (!y || p >= s.size()) return std::nullopt;
  const char32_t sep = s[p];
  const bool cjk = sep == U'年';
  if (!cjk && sep != U'-' && sep != U'.' && sep != U'/') return std::nullopt;
  ++p;
  const auto m = digits(s, p, 1, 2);
  if (!m || p >= s.size() || s[p] != (cjk ? U'月' : sep)) return std::nullopt;
  ++p;
  const auto d = digits(s, p, 1, 2);
  if (!d) return std::nullopt;
  if (cjk) {
    if (p >= s.size() || s[p] != U'日') return std::nullopt;
    ++p;
  } else if (p < s.size() && s[p] == U'日') {
    ++p;
  }
  // A time of day after the date ("2025-05-01 00:00:00", spaces gone):
  // read past, the day is what counts.
  if (std::size_t q = p; digits(s, q, 2, 2) && q < s.size() && s[q] == U':' && digits(s, ++q, 2, 2)) {
    if (q + 2 < s.size() && s[q] == U':' && digit(s[q + 1]) && digit(s[q + 2])) q += 3;
    p = q;
  }
  if (*m > 12 || *d > 31) return std::nullopt;
  std::string out =
      std::to_string(*y) + (*m < 10 ? "-0" : "-") + std::to_string(*m) + (*d < 10 ? "-0" : "-") + std::to_string(*d);
  if (!is_date(out)) return std::nullopt;
  at = p;
  return out;
}

PageCertificate read_page_certificate(pdf::Document& doc, const Tables& tables) {
  bool truncated = false;
  const std::vector<pdf::Object> pages = pages_of(doc, truncated);
  PageCertificate out;
  std::vector<PageContent> contents;
  for (const pdf::Object& page : pages) {
    contents.push_back(interpret_page(doc, page, tables));
    // Past a page over a limit nothing is read: the answer is that limit.
    if (!contents.back().limit.empty()) break;
  }
  return certificate_from_pages(contents, truncated);
}

PageCertificate certificate_from_pages(const std::vector<PageContent>& pages, bool truncated) {
  PageCertificate out;
  std::vector<TextLine> lines;
  std::size_t glyphs = 0, images = 0, unmapped = 0, paths = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const PageContent& pc = pages[i];
    if (pc.needs_gbk) out.needs_gbk = true;
    if (!pc.limit.empty()) {
      out.outcome = PageCertificate::Outcome::kRefused;
      out.code = Code::kPageTextTooLarge;
      out.detail = "page " + std::to_string(i + 1) + ": " + pc.limit;
      return out;
    }
    glyphs += pc.glyphs.size();
    images += pc.images;
    paths += pc.paths;
    unmapped += pc.unmapped;
    for (TextLine& l : layout_lines(pc, i + 1)) lines.push_back(std::move(l));
  }
  if (truncated) {
    out.outcome = PageCertificate::Outcome::kRefused;
    out.code = Code::kPageTextTooLarge;
    out.detail = "more than " + std::to_string(limits::kMaxTextPages) + " pages";
    return out;
  }
  for (const TextLine& l : lines) {
    if (out.lines.size() >= limits::kMaxReportedLines) break;
    // Masked before cut, so no identity number survives in part; and no
    // control, format or bidirectional character (U+FFFD instead): the
    // lines are shown beside the preview, as text.
    std::string t = masked_line(visible_only(line_text(l)));
    if (t.size() > limits::kMaxReportedLineBytes) {
      t.resize(limits::kMaxReportedLineBytes);
      t = encode_utf8(decode_utf8(t));  // a cut character becomes U+FFFD, never broken UTF-8
    }
    out.lines.push_back(std::move(t));
  }
  // No text: a picture of the details, a scan or text drawn as outlines
  // (hundreds of filled paths), is for a person to read in the preview.
  if (glyphs == 0) {
    out.outcome = images > 0 || paths >= kOutlinedTextPaths ? PageCertificate::Outcome::kImageOnly
                                                            : PageCertificate::Outcome::kEmpty;
    return out;
  }
  const PageFields fields = read_fields(lines);
  if (fields.labels == 0) {
    out.outcome = PageCertificate::Outcome::kNoLabels;
    if (out.needs_gbk || unmapped * 2 > glyphs) {
      out.outcome = PageCertificate::Outcome::kRefused;
      out.code = out.needs_gbk ? Code::kPageTextNeedsTable : Code::kPageTextUnmapped;
      out.detail = std::to_string(unmapped) + " of " + std::to_string(glyphs) + " glyphs map to no text";
    }
    return out;
  }
  auto refuse = [&](Code code, std::string detail) {
    out.outcome = PageCertificate::Outcome::kRefused;
    out.code = code;
    out.detail = std::move(detail);
    return out;
  };
  if (!fields.ambiguity.empty()) return refuse(Code::kPageTextAmbiguous, fields.ambiguity);
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (fields.values[f] && fields.values[f]->unmapped) {
      return refuse(out.needs_gbk ? Code::kPageTextNeedsTable : Code::kPageTextUnmapped,
                    std::string(label_of(static_cast<Field>(f))) + ": " + fields.values[f]->display);
    }
  }
  CertificateData& c = out.document.certificate;
  for (const Target& t : kTargets) {
    const auto& v = fields.values[static_cast<std::size_t>(t.field)];
    if (!v) continue;
    const std::string label(label_of(t.field));
    std::string value;
    switch (t.kind) {
      case Target::kNumber: {
        // Held in canonical form: full-width digits and letters fold to
        // ASCII (a person reads them as the same number); anything else
        // (a space, an invisible or look-alike character) is malformed.
        if (!is_canonical_number(encode_utf8(v->compact)))
          return refuse(Code::kCertificateNumberMalformed, label + ": " + v->display);
        value = encode_utf8(v->compact);
        break;
      }
      case Target::kDate: {
        std::size_t at = 0;
        const auto d = parse_printed_date(v->compact, at);
        if (!d || !tail_ok(v->compact, at)) return refuse(Code::kPageTextMalformed, label + ": " + v->display);
        value = *d;
        break;
      }
      case Target::kId:
        if (!id_text(v->compact)) return refuse(Code::kCertificateTextMalformed, label + ": " + v->display);
        value = encode_utf8(v->compact);
        // Printed in full: held masked, as everywhere else.
        if (value.find('*') == std::string::npos) value = mask_id_number(value);
        break;
      case Target::kOptional:
        if (is_none(v->compact)) break;
        [[fallthrough]];
      case Target::kText:
        if (v->display.size() > 256 || !is_clean_text(v->display))
          return refuse(Code::kCertificateTextMalformed, label + ": " + v->display);
        value = v->display;
        break;
    }
    c.*t.member = std::move(value);
    out.present[static_cast<std::size_t>(t.field)] = true;
  }

  // The annotation: a usage scenario and a validity, printed together. A
  // validity without 加注 in its label is the annotation's only beside a
  // scenario: alone it may be the qualification's own.
  const auto& scenario = fields.values[static_cast<std::size_t>(Field::kScenario)];
  const auto& applied = fields.values[static_cast<std::size_t>(Field::kAppliedOn)];
  auto value = [&](Field f) -> const std::optional<FieldValue>& { return fields.values[static_cast<std::size_t>(f)]; };
  const bool marked = value(Field::kValidity) || value(Field::kValidUntil);
  if (scenario || marked) {
    Field range = marked ? Field::kValidity : Field::kPlainValidity;
    Field end = marked ? Field::kValidUntil : Field::kPlainValidUntil;
    const auto& validity = value(range);
    const auto& until = value(end);
    if (!scenario || (!validity && !until)) {
      return refuse(Code::kAnnotationTextIncomplete, scenario ? "no validity printed" : "no scenario printed");
    }
    if (validity && until) {
      return refuse(Code::kPageTextAmbiguous,
                    std::string(label_of(range)) + " and " + std::string(label_of(end)) + " both printed");
    }
    Annotation a;
    if (!is_clean_text(scenario->display) || scenario->display.size() > 256)
      return refuse(Code::kCertificateTextMalformed, "使用场景: " + scenario->display);
    a.scenario = scenario->display;
    const FieldValue& w = validity ? *validity : *until;
    const std::u32string_view s = w.compact;
    std::size_t at = 0;
    const bool only_end = !s.empty() && s[0] == U'至';                       // "有效期：至 2025-03-19"
    if (only_end || (!s.empty() && (s[0] == U'自' || s[0] == U'从'))) ++at;  // "自2025年5月1日至…"
    const auto first = parse_printed_date(s, at);
    const std::string label(label_of(validity ? range : end));
    if (!first) return refuse(Code::kPageTextMalformed, label + ": " + w.display);
    if (validity && at > 0 && !only_end) {
      // A range: start, a separator, end.
      if (at < s.size() && (s[at] == U'至' || s[at] == U'到' || s[at] == U'-' || s[at] == U'~')) ++at;
      const auto second = parse_printed_date(s, at);
      if (second) {
        a.not_before = *first;
        a.not_after = *second;
      } else {
        a.not_after = *first;  // a single date: the end of the window
      }
    } else {
      a.not_after = *first;
    }
    if (!tail_ok(s, at)) return refuse(Code::kPageTextMalformed, label + ": " + w.display);
    if (applied) {
      std::size_t p = 0;
      const auto d = parse_printed_date(applied->compact, p);
      if (!d || !tail_ok(applied->compact, p)) return refuse(Code::kPageTextMalformed, "申请日期: " + applied->display);
      a.applied_on = *d;
    }
    out.document.annotation = a;
    out.annotation = true;
  }
  out.outcome = PageCertificate::Outcome::kRead;
  return out;
}

}  // namespace sealcheck::text
