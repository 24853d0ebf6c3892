#include "pdf/filters.h"

#include <zlib.h>

#include <algorithm>

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
  const std::size_t cap =
      std::min(max_output, std::max<std::size_t>(in.size() * limits::kMaxExpansionRatio, 1 << 16));
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

}  // namespace

Decoded decode_stream(const Dict& dict, std::span<const std::uint8_t> raw, std::size_t max_output) {
  const Object* filter = dict.find("Filter");
  const Object* parms = dict.find("DecodeParms");
  // A one-element array is the same as the name.
  if (filter && filter->as_array() && filter->as_array()->size() == 1) {
    filter = &filter->as_array()->front();
    if (parms && parms->as_array() && parms->as_array()->size() == 1) parms = &parms->as_array()->front();
  }
  Decoded d;
  if (filter == nullptr || filter->is_null()) {
    if (raw.size() > max_output) {
      d.error = "stream too large";
      return d;
    }
    d.bytes.assign(raw.begin(), raw.end());
    return d;
  }
  if (!filter->is_name("FlateDecode")) {
    d.error = "unsupported filter";
    return d;
  }
  d = inflate_bounded(raw, max_output);
  if (d.error.empty()) unpredict(d.bytes, parms ? parms->as_dict() : nullptr, d.error);
  return d;
}

}  // namespace sealcheck::pdf
