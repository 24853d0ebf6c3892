// What every command of the CLI needs: arguments, files, the clock.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sealcheck::cli {

using Args = std::vector<std::string>;
using Bytes = std::vector<std::uint8_t>;

struct UsageError final : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A refusal of the issuer (a rule said no): exit 1 with the message.
struct Refused final : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string required(const Args& args, const std::string& flag);
std::optional<std::string> optional_arg(const Args& args, const std::string& flag);
// Every argument must be a known flag with a value (or a known switch).
void check_flags(const Args& args, const std::vector<std::string>& with_value);

std::int64_t now_seconds();
std::int64_t parse_time_arg(const std::string& flag, const std::string& text);

std::optional<Bytes> read_file(const std::string& path, std::string& error);
Bytes read_file_or_throw(const std::string& path);
void write_file(const std::string& path, const Bytes& data);
// Writes beside the target and renames: a reader never sees half a file.
void write_file_atomic(const std::string& path, const Bytes& data);
void rename_file(const std::string& from, const std::string& to);
void remove_file(const std::string& path) noexcept;

}  // namespace sealcheck::cli
