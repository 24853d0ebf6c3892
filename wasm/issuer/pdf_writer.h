// Serialising direct objects back to PDF syntax (issuer side: updated
// catalogs and form dictionaries in incremental updates). Strings are
// written as hex, names with # escapes, so no input can break the syntax.
#pragma once

#include <string>

#include "pdf/object.h"

namespace sealcheck::pdf {

// Throws std::invalid_argument for streams (never written this way).
std::string serialize(const Object& o);

}  // namespace sealcheck::pdf
