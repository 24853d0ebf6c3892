// Test support: a check of a report (or of a seal's outcome) by its id, so
// a typo in a test does not compile either.
#pragma once

#include <string>
#include <vector>

#include "sealcheck/codes.h"
#include "sealcheck/report.h"

namespace sealcheck::testing {

// The first check with this id, or nullptr.
inline const Check* find_check(const std::vector<Check>& checks, CheckId id) {
  for (const Check& c : checks) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

// Its reason code's id ("absent" when there is no such check).
inline std::string code_of(const std::vector<Check>& checks, CheckId id) {
  const Check* c = find_check(checks, id);
  return c ? std::string(message_for(c->code).id) : "absent";
}

}  // namespace sealcheck::testing
