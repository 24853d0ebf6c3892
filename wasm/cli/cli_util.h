// What every command of the CLI needs: arguments, files, the clock.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "issuer/files.h"

namespace sealcheck::cli {

using Args = std::vector<std::string>;
using Bytes = std::vector<std::uint8_t>;

struct UsageError final : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string required(const Args& args, const std::string& flag);
std::optional<std::string> optional_arg(const Args& args, const std::string& flag);
// Every argument must be a known flag with a value (or a known switch).
void check_flags(const Args& args, const std::vector<std::string>& with_value);
// Removes a flag without a value (--no-embedded-data) from args; true when
// it was there. Given twice: a usage error.
bool take_switch(Args& args, const std::string& flag);

std::int64_t now_seconds();
std::int64_t parse_time_arg(const std::string& flag, const std::string& text);

// Files: the issuer library's helpers, for the verifier's commands too.
using issuer::read_file;
using issuer::read_file_or_throw;
using issuer::write_file_atomic;

}  // namespace sealcheck::cli
