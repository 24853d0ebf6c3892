#include "text/pdf_access.h"

#include "pdf/filters.h"

namespace sealcheck::text {

std::optional<double> number_of(const pdf::Object& o) {
  if (const auto* i = o.as_int()) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&o.value())) return *d;
  return std::nullopt;
}

std::optional<std::vector<std::uint8_t>> stream_data(pdf::Document& doc, const pdf::Object& o, std::size_t max_bytes) {
  const pdf::Stream* s = o.as_stream();
  if (s == nullptr || s->data_begin > doc.data().size() || s->data_length > doc.data().size() - s->data_begin) {
    return std::nullopt;
  }
  pdf::Decoded d = pdf::decode_stream(*s->dict, doc.data().subspan(s->data_begin, s->data_length), max_bytes);
  if (!d.error.empty()) return std::nullopt;
  return std::move(d.bytes);
}

pdf::Object get(pdf::Document& doc, const pdf::Dict& dict, std::string_view key) {
  const pdf::Object* o = dict.find(key);
  return o ? doc.resolve(*o) : pdf::Object{};
}

}  // namespace sealcheck::text
