// Files for the issuer's jobs and the command line: whole reads, and writes
// that a reader never sees half done.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sealcheck::issuer {

using Bytes = std::vector<std::uint8_t>;

// The file's bytes, or nullopt with the reason (strerror text) in `error`.
std::optional<Bytes> read_file(const std::string& path, std::string& error);
// Throws std::runtime_error naming the path.
Bytes read_file_or_throw(const std::string& path);
void write_file(const std::string& path, const Bytes& data);
// Writes beside the target and renames: a reader never sees half a file.
void write_file_atomic(const std::string& path, const Bytes& data);
void rename_file(const std::string& from, const std::string& to);
void remove_file(const std::string& path) noexcept;

}  // namespace sealcheck::issuer
