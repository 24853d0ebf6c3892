#include "cli_util.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "sealcheck/time.h"

namespace sealcheck::cli {

namespace fs = std::filesystem;

std::string required(const Args& args, const std::string& flag) {
  if (auto v = optional_arg(args, flag)) return *v;
  throw UsageError(flag + " is required");
}

std::optional<std::string> optional_arg(const Args& args, const std::string& flag) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == flag) return args[i + 1];
  }
  return std::nullopt;
}

void check_flags(const Args& args, const std::vector<std::string>& with_value) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (std::find(with_value.begin(), with_value.end(), args[i]) == with_value.end()) {
      throw UsageError("unexpected argument " + args[i]);
    }
    // A second value would silently replace or lose the first.
    for (std::size_t j = 0; j < i; j += 2) {
      if (args[j] == args[i]) throw UsageError(args[i] + " given twice");
    }
    if (++i >= args.size()) throw UsageError(args[i - 1] + " needs a value");
  }
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t parse_time_arg(const std::string& flag, const std::string& text) {
  const auto t = parse_iso8601(text);
  if (!t) throw UsageError(flag + ": not an ISO 8601 date or time: " + text);
  return *t;
}

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

}  // namespace sealcheck::cli
