#pragma once

#include <optional>
#include <string>

#include "cli_util.h"
#include "issuer/pdf_sign.h"
#include "issuer/pki.h"

namespace sealcheck::cli {

// --seal-format: "cms" (default: a CMS SignedData, SM2 ones for an SM2 PKI)
// or "gbt38540" (a GB/T 38540 SES_Signature carrying the seal's SESeal,
// which only an SM2 PKI has). Throws UsageError / Refused.
void apply_seal_format(issuer::Signer& signer, const issuer::LoadedSeal& seal,
                       const std::optional<std::string>& format);

int cmd_issue(const Args& args);
int cmd_annotate(const Args& args);
int cmd_revoke(const Args& args);
int cmd_publish(const Args& args);

}  // namespace sealcheck::cli
