#include "issuer/files.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace sealcheck::issuer {

namespace fs = std::filesystem;

std::optional<Bytes> read_file(const std::string& path, std::string& error) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    error = "not a regular file";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Bytes read_file_or_throw(const std::string& path) {
  std::string error;
  auto data = read_file(path, error);
  if (!data) throw std::runtime_error(path + ": " + error);
  return std::move(*data);
}

void write_file(const std::string& path, const Bytes& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + path);
}

void rename_file(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) throw std::runtime_error("cannot write " + to + ": " + ec.message());
}

void remove_file(const std::string& path) noexcept {
  std::error_code ec;
  fs::remove(path, ec);
}

void write_file_atomic(const std::string& path, const Bytes& data) {
  const std::string tmp = path + ".tmp";
  try {
    write_file(tmp, data);
    rename_file(tmp, path);
  } catch (...) {
    remove_file(tmp);
    throw;
  }
}

}  // namespace sealcheck::issuer
