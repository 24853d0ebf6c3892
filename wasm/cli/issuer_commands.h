#pragma once

#include "cli_util.h"

namespace sealcheck::cli {

int cmd_issue(const Args& args);
int cmd_annotate(const Args& args);
int cmd_revoke(const Args& args);
int cmd_publish(const Args& args);

}  // namespace sealcheck::cli
