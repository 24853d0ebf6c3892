#include "issuer/ses_sign.h"

#include <zlib.h>

#include <cmath>
#include <ctime>
#include <stdexcept>

#include "crypto/der.h"
#include "crypto/ossl.h"
#include "issuer/sm2_sign.h"

namespace sealcheck::issuer {
namespace {

using Bytes = std::vector<std::uint8_t>;
using namespace der;

Bytes tlv(std::uint8_t tag, const Bytes& value) { return der_tlv(tag, value); }
Bytes tlv(std::uint8_t tag, std::string_view text) {
  return der_tlv(tag, {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

Bytes integer(std::int64_t v) {
  if (v < 0) throw std::invalid_argument("negative INTEGER");
  Bytes content;
  do {
    content.insert(content.begin(), static_cast<std::uint8_t>(v & 0xff));
    v >>= 8;
  } while (v != 0);
  if (content[0] & 0x80) content.insert(content.begin(), 0);
  return tlv(kInteger, content);
}

Bytes generalized_time(std::int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%SZ", &tm);
  return tlv(kGeneralizedTime, std::string_view(buf));
}

Bytes bits(const Bytes& octets) {
  Bytes content{0};
  content.insert(content.end(), octets.begin(), octets.end());
  return tlv(kBitString, content);
}

Bytes certificate_der(X509* cert) {
  unsigned char* der = nullptr;
  const int len = i2d_X509(cert, &der);
  if (len <= 0) throw std::runtime_error("certificate encoding failed");
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

const Bytes kOidSm2WithSm3 = {0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75};

void put32(Bytes& b, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(v >> s));
}

void png_chunk(Bytes& png, const char* type, const Bytes& data) {
  put32(png, static_cast<std::uint32_t>(data.size()));
  Bytes body(type, type + 4);
  body.insert(body.end(), data.begin(), data.end());
  png.insert(png.end(), body.begin(), body.end());
  put32(png, static_cast<std::uint32_t>(crc32(0, body.data(), static_cast<uInt>(body.size()))));
}

}  // namespace

std::vector<std::uint8_t> seal_picture_png() {
  constexpr int kSize = 64;
  Bytes raw;
  for (int y = 0; y < kSize; ++y) {
    raw.push_back(0);  // filter: none
    for (int x = 0; x < kSize; ++x) {
      const double r = std::hypot(x - 31.5, y - 31.5);
      const bool ink = (r > 26 && r < 31) || r < 6;
      raw.insert(raw.end(), {0xd0, 0x10, 0x10, static_cast<std::uint8_t>(ink ? 0xff : 0)});
    }
  }
  uLongf len = compressBound(static_cast<uLong>(raw.size()));
  Bytes z(len);
  if (compress2(z.data(), &len, raw.data(), static_cast<uLong>(raw.size()), 9) != Z_OK) {
    throw std::runtime_error("PNG compression failed");
  }
  z.resize(len);
  Bytes png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  Bytes header;
  put32(header, kSize);
  put32(header, kSize);
  header.insert(header.end(), {8, 6, 0, 0, 0});  // 8-bit RGBA
  png_chunk(png, "IHDR", header);
  png_chunk(png, "IDAT", z);
  png_chunk(png, "IEND", {});
  return png;
}

std::vector<std::uint8_t> make_seseal(const SesSealSpec& s) {
  if (s.maker_cert == nullptr || s.maker_key == nullptr) throw std::invalid_argument("SESeal: no seal maker");
  Bytes list;
  for (X509* c : s.signers) {
    const Bytes der = certificate_der(c);
    list = cat({list, s.list_digests
                          ? tlv(kSequence,
                                cat({tlv(kPrintableString, std::string_view("SM3")),
                                     tlv(kOctetString, sm3_digest({std::string_view(
                                                           reinterpret_cast<const char*>(der.data()), der.size())}))}))
                          : tlv(kOctetString, der)});
  }
  const Bytes property = tlv(
      kSequence, cat({integer(s.type), tlv(kUtf8String, s.name), integer(s.list_digests ? 2 : 1), tlv(kSequence, list),
                      generalized_time(s.created), generalized_time(s.valid_start), generalized_time(s.valid_end)}));
  const Bytes picture =
      tlv(kSequence, cat({tlv(kIa5String, std::string_view("PNG")), tlv(kOctetString, seal_picture_png()), integer(40),
                          integer(40)}));  // millimetres
  const Bytes header =
      tlv(kSequence, cat({tlv(kIa5String, std::string_view("ES")), integer(4), tlv(kIa5String, s.vid)}));
  const Bytes info = tlv(kSequence, cat({header, tlv(kIa5String, s.es_id), property, picture}));
  const Bytes signed_value = sm2_sign(s.maker_key, info, s.id);
  return tlv(kSequence,
             cat({info, tlv(kOctetString, certificate_der(s.maker_cert)), kOidSm2WithSm3, bits(signed_value)}));
}

std::vector<std::uint8_t> sign_detached_ses(const std::vector<std::string_view>& parts, X509* cert, EVP_PKEY* key,
                                            const std::vector<std::uint8_t>& seseal, std::int64_t signing_time,
                                            const SesSignOptions& options) {
  const Bytes to_sign = tlv(kSequence, cat({integer(4), seseal, generalized_time(signing_time), bits(sm3_digest(parts)),
                                            tlv(kIa5String, options.property_info)}));
  const Bytes signature = sm2_sign(key, to_sign, options.id);
  return tlv(kSequence, cat({to_sign, tlv(kOctetString, certificate_der(cert)), kOidSm2WithSm3, bits(signature)}));
}

}  // namespace sealcheck::issuer
