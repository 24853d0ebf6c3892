#include "pdf/object.h"

namespace sealcheck::pdf {

const Object* Dict::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::size_t Dict::count(std::string_view key) const {
  std::size_t n = 0;
  for (const auto& e : entries) n += e.first == key;
  return n;
}

const Array* Object::as_array() const {
  const auto* p = std::get_if<std::shared_ptr<const Array>>(&m_value);
  return p ? p->get() : nullptr;
}

const Dict* Object::as_dict() const {
  if (const auto* p = std::get_if<std::shared_ptr<const Dict>>(&m_value)) return p->get();
  if (const auto* s = std::get_if<Stream>(&m_value)) return s->dict.get();
  return nullptr;
}

}  // namespace sealcheck::pdf
