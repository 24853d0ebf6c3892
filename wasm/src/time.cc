#include "sealcheck/time.h"

#include <cstdio>

namespace sealcheck {

std::int64_t days_from_civil(int y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool valid_date(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view t) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(t, 0, 4, y) || t.size() < 10 || t[4] != '-' || !digits(t, 5, 2, mo) || t[7] != '-' ||
      !digits(t, 8, 2, d) || !valid_date(y, mo, d)) {
    return std::nullopt;
  }
  std::size_t pos = 10;
  int offset = kBeijingOffsetSeconds;  // a bare date or local time is Beijing time
  if (pos < t.size()) {
    if (t[pos] != 'T' && t[pos] != ' ') return std::nullopt;
    if (!digits(t, pos + 1, 2, h) || pos + 3 >= t.size() || t[pos + 3] != ':' || !digits(t, pos + 4, 2, mi)) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < t.size() && t[pos] == ':') {
      if (!digits(t, pos + 1, 2, s)) return std::nullopt;
      pos += 3;
    }
    if (h > 23 || mi > 59 || s > 59) return std::nullopt;
    if (pos < t.size()) {
      if (t[pos] == 'Z' && pos + 1 == t.size()) {
        offset = 0;
      } else if ((t[pos] == '+' || t[pos] == '-') && pos + 6 == t.size() && t[pos + 3] == ':') {
        int oh = 0, om = 0;
        if (!digits(t, pos + 1, 2, oh) || !digits(t, pos + 4, 2, om) || oh > 14 || om > 59) {
          return std::nullopt;
        }
        offset = (oh * 3600 + om * 60) * (t[pos] == '-' ? -1 : 1);
      } else {
        return std::nullopt;
      }
    }
  }
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + s -
         offset;
}

std::optional<PdfDate> parse_pdf_date(std::string_view t) {
  if (t.substr(0, 2) == "D:") t.remove_prefix(2);
  // Year, then optional two-digit fields with their defaults and ranges.
  int y = 0;
  if (!digits(t, 0, 4, y)) return std::nullopt;
  int field[5] = {1, 1, 0, 0, 0};  // month, day, hour, minute, second
  static constexpr int kLow[5] = {1, 1, 0, 0, 0}, kHigh[5] = {12, 31, 23, 59, 59};
  std::size_t pos = 4;
  for (int i = 0; i < 5 && pos < t.size() && t[pos] >= '0' && t[pos] <= '9'; ++i, pos += 2) {
    if (!digits(t, pos, 2, field[i]) || field[i] < kLow[i] || field[i] > kHigh[i]) return std::nullopt;
  }
  if (!valid_date(y, field[0], field[1])) return std::nullopt;
  PdfDate out;
  int offset = kBeijingOffsetSeconds;
  if (pos < t.size()) {
    const char sign = t[pos++];
    if (sign == 'Z') {
      offset = 0;
      // "Z00'00'" is written too.
      if (pos < t.size() && t.substr(pos) != "00'00'" && t.substr(pos) != "00'00" && t.substr(pos) != "0000") {
        return std::nullopt;
      }
    } else if (sign == '+' || sign == '-') {
      int oh = 0, om = 0;
      if (!digits(t, pos, 2, oh) || oh > 14) return std::nullopt;
      pos += 2;
      if (pos < t.size() && t[pos] == '\'') ++pos;
      if (pos < t.size()) {
        if (!digits(t, pos, 2, om) || om > 59) return std::nullopt;
        pos += 2;
        if (pos < t.size() && t[pos] == '\'') ++pos;
      }
      if (pos != t.size()) return std::nullopt;
      offset = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
    out.zoned = true;
  }
  out.unix_seconds = days_from_civil(y, static_cast<unsigned>(field[0]), static_cast<unsigned>(field[1])) * 86400 +
                     field[2] * 3600 + field[3] * 60 + field[4] - offset;
  return out;
}

std::string format_beijing(std::int64_t unix_seconds) {
  const std::int64_t local = unix_seconds + kBeijingOffsetSeconds;
  std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const std::int64_t secs = local - days * 86400;
  // civil_from_days (Howard Hinnant)
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  // Formatted by hand: keeps printf out of the wasm engine.
  auto two = [](std::string& out, unsigned v) {
    out.push_back(static_cast<char>('0' + v / 10 % 10));
    out.push_back(static_cast<char>('0' + v % 10));
  };
  std::string out;
  if (y < 0) out.push_back('-');
  const std::string year = std::to_string(y < 0 ? -y : y);
  out.append(year.size() < 4 ? 4 - year.size() : 0, '0').append(year).push_back('-');
  two(out, m);
  out.push_back('-');
  two(out, d);
  out.push_back('T');
  two(out, static_cast<unsigned>(secs / 3600));
  out.push_back(':');
  two(out, static_cast<unsigned>(secs / 60 % 60));
  out.push_back(':');
  two(out, static_cast<unsigned>(secs % 60));
  return out + "+08:00";
}

}  // namespace sealcheck
