#include "pdf/filters.h"

#include <zlib.h>

#include <algorithm>

#include "pdf/lexer.h"
#include "sealcheck/limits.h"

namespace sealcheck::pdf {
namespace {

Decoded inflate_bounded(std::span<const std::uint8_t> in, std::size_t max_output) {
  Decoded out;
  z_stream z{};
  if (inflateInit(&z) != Z_OK) {
    out.error = "zlib init failed";
    return out;
  }
  const std::size_t cap = std::min(max_output, std::max<std::size_t>(in.size() * limits::kMaxExpansionRatio, 1 << 16));
  z.next_in = const_cast<Bytef*>(in.data());
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size(), 0xffffffffu));
  std::uint8_t buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = buf;
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t produced = sizeof buf - z.avail_out;
    if (out.bytes.size() + produced > cap) {
      out.error = "stream expands beyond the limit";
      break;
    }
    out.bytes.insert(out.bytes.end(), buf, buf + produced);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) rc = Z_STREAM_END;  // truncated: keep what we have
  }
  if (out.error.empty() && rc != Z_STREAM_END) out.error = "corrupt flate data";
  inflateEnd(&z);
  return out;
}

// PNG predictors (10..15) per row with a leading filter-type byte; TIFF 2
// is rare in structure streams and unsupported.
bool unpredict(std::vector<std::uint8_t>& data, const Dict* parms, std::string& error) {
  if (parms == nullptr) return true;
  auto get = [&](const char* k, std::int64_t dflt) {
    const Object* o = parms->find(k);
    return o && o->as_int() ? *o->as_int() : dflt;
  };
  const std::int64_t predictor = get("Predictor", 1);
  if (predictor == 1) return true;
  if (predictor < 10 || predictor > 15) {
    error = "unsupported predictor";
    return false;
  }
  const std::int64_t colors = get("Colors", 1), bpc = get("BitsPerComponent", 8), columns = get("Columns", 1);
  if (colors < 1 || colors > 32 || (bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16) || columns < 1 ||
      columns > (1 << 24)) {
    error = "bad predictor parameters";
    return false;
  }
  const std::size_t bpp = static_cast<std::size_t>(std::max<std::int64_t>(1, colors * bpc / 8));
  const std::size_t row = static_cast<std::size_t>((colors * bpc * columns + 7) / 8);
  std::vector<std::uint8_t> out;
  out.reserve(data.size());
  std::vector<std::uint8_t> prev(row, 0), cur(row);
  for (std::size_t p = 0; p + 1 + row <= data.size(); p += row + 1) {
    const std::uint8_t type = data[p];
    for (std::size_t i = 0; i < row; ++i) {
      const std::uint8_t x = data[p + 1 + i];
      const std::uint8_t a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      switch (type) {
        case 0: cur[i] = x; break;
        case 1: cur[i] = static_cast<std::uint8_t>(x + a); break;
        case 2: cur[i] = static_cast<std::uint8_t>(x + b); break;
        case 3: cur[i] = static_cast<std::uint8_t>(x + (a + b) / 2); break;
        case 4: {
          const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
          cur[i] = static_cast<std::uint8_t>(x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c));
          break;
        }
        default: error = "bad PNG row filter"; return false;
      }
    }
    out.insert(out.end(), cur.begin(), cur.end());
    std::swap(prev, cur);
  }
  data = std::move(out);
  return true;
}

// ASCIIHexDecode: pairs of hex digits, white space ignored, ">" ends the
// data, a final odd digit counts as followed by 0.
bool ascii_hex(std::span<const std::uint8_t> in, std::size_t max_output, Decoded& out) {
  int high = -1;
  for (const std::uint8_t c : in) {
    if (c == '>') break;
    if (is_pdf_whitespace(c)) continue;
    const int v = hex_digit(c);
    if (v < 0) {
      out.error = "bad ASCIIHex data";
      return false;
    }
    if (high < 0) {
      high = v;
      continue;
    }
    out.bytes.push_back(static_cast<std::uint8_t>(high << 4 | v));
    high = -1;
    if (out.bytes.size() > max_output) {
      out.error = "stream too large";
      return false;
    }
  }
  if (high >= 0) out.bytes.push_back(static_cast<std::uint8_t>(high << 4));
  return true;
}

// ASCII85Decode: groups of five characters "!".."u" for four bytes, "z"
// for four zero bytes, white space ignored, "~>" ends the data; a final
// group of n characters gives n - 1 bytes.
bool ascii85(std::span<const std::uint8_t> in, std::size_t max_output, Decoded& out) {
  std::uint64_t group = 0;
  int n = 0;
  auto emit = [&](int bytes) {
    for (int k = 0; k < bytes; ++k) out.bytes.push_back(static_cast<std::uint8_t>(group >> (24 - 8 * k)));
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    const std::uint8_t c = in[i];
    if (c == '~') break;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0) continue;
    if (c == 'z' && n == 0) {
      group = 0;
      emit(4);
    } else if (c >= '!' && c <= 'u') {
      group = group * 85 + (c - '!');
      if (++n == 5) {
        if (group > 0xffffffffu) {
          out.error = "bad ASCII85 data";
          return false;
        }
        emit(4);
        group = 0;
        n = 0;
      }
    } else {
      out.error = "bad ASCII85 data";
      return false;
    }
    if (out.bytes.size() > max_output) {
      out.error = "stream too large";
      return false;
    }
  }
  if (n == 1) {
    out.error = "bad ASCII85 data";
    return false;
  }
  if (n > 1) {
    for (int k = n; k < 5; ++k) group = group * 85 + 84;
    if (group > 0xffffffffu) {
      out.error = "bad ASCII85 data";
      return false;
    }
    emit(n - 1);
  }
  return true;
}

}  // namespace

Decoded decode_stream(const Dict& dict, std::span<const std::uint8_t> raw, std::size_t max_output) {
  Decoded d;
  // The filters in order, a name or an array of names, with their
  // /DecodeParms (a dictionary, or an array parallel to the filters).
  const Object* filter = dict.find("Filter");
  const Object* parms = dict.find("DecodeParms");
  std::vector<const Object*> filters, params;
  if (filter != nullptr && filter->as_array() != nullptr) {
    for (const Object& f : *filter->as_array()) filters.push_back(&f);
    for (std::size_t i = 0; i < filters.size(); ++i) {
      const Array* pa = parms ? parms->as_array() : nullptr;
      params.push_back(pa && i < pa->size() ? &(*pa)[i] : nullptr);
    }
  } else if (filter != nullptr && !filter->is_null()) {
    filters.push_back(filter);
    params.push_back(parms);
  }
  if (filters.size() > limits::kMaxFilterChain) {
    d.error = "too many filters";
    return d;
  }
  if (raw.size() > max_output && filters.empty()) {
    d.error = "stream too large";
    return d;
  }
  d.bytes.assign(raw.begin(), raw.end());
  for (std::size_t i = 0; i < filters.size(); ++i) {
    const Name* name = filters[i]->as_name();
    if (name == nullptr) {
      d.error = "malformed filter";
      return d;
    }
    // The abbreviated names are accepted too, as other readers do.
    const std::string& f = name->value;
    Decoded next;
    if (f == "FlateDecode" || f == "Fl") {
      next = inflate_bounded(d.bytes, max_output);
      if (next.error.empty()) unpredict(next.bytes, params[i] ? params[i]->as_dict() : nullptr, next.error);
    } else if (f == "ASCIIHexDecode" || f == "AHx") {
      ascii_hex(d.bytes, max_output, next);
    } else if (f == "ASCII85Decode" || f == "A85") {
      ascii85(d.bytes, max_output, next);
    } else {
      d.bytes.clear();
      d.error = "unsupported filter " + f;
      d.unsupported = true;
      return d;
    }
    if (!next.error.empty()) return next;
    d.bytes = std::move(next.bytes);
  }
  return d;
}

}  // namespace sealcheck::pdf
