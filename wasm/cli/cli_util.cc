#include "cli_util.h"

#include <algorithm>
#include <chrono>

#include "sealcheck/time.h"

namespace sealcheck::cli {

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

bool take_switch(Args& args, const std::string& flag) {
  const auto n = std::count(args.begin(), args.end(), flag);
  if (n > 1) throw UsageError(flag + " given twice");
  // Only where a flag may stand, not as another flag's value.
  for (std::size_t i = 0; i < args.size(); i += 2) {
    if (args[i] == flag) {
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
      return true;
    }
  }
  return false;
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t parse_time_arg(const std::string& flag, const std::string& text) {
  const auto t = parse_iso8601(text);
  if (!t) throw UsageError(flag + ": not an ISO 8601 date or time: " + text);
  return *t;
}

}  // namespace sealcheck::cli
