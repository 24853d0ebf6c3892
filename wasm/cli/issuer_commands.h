// The issuer's commands (the jobs themselves are issuer/jobs.h).
#pragma once

#include <optional>
#include <string>

#include "cli_util.h"
#include "issuer/jobs.h"
#include "issuer/ledger.h"

namespace sealcheck::cli {

// --seal-format: "cms" (default) or "gbt38540". Throws UsageError.
issuer::SealFormat seal_format(const std::optional<std::string>& text);

int cmd_issue(const Args& args);
int cmd_annotate(const Args& args);
int cmd_revoke(const Args& args);
// retire / compromise: a seal's lifecycle, published in the next trust list.
int cmd_seal_event(const Args& args, issuer::SealEvent::Kind kind);
int cmd_publish(const Args& args);

}  // namespace sealcheck::cli
