// What every seal format leads to once its last seal covers the whole
// document and its digest and signature check out: the certificate's data
// (the sealed pages' text, the embedded data block, or both agreeing), the
// annotation (加注) rules at the seal's time, the seal's authority for the
// issuing body (signed trust list) and revocation (signed list).
#pragma once

#include <cstdint>
#include <optional>

#include "pdf/attachments.h"
#include "sealcheck/certificate.h"
#include "sealcheck/report.h"
#include "sealcheck/verify.h"
#include "text/page_certificate.h"

namespace sealcheck {

// After a format has listed its earlier seals in r.earlier_seals (`count`,
// `failed` naming those that are not intact and trusted): when the last
// seal's key is unknown but an earlier seal is trusted and intact, what came
// after that seal is vouched for by no one we know, which is what "modified
// after sealing" means (the coverage row says so); then the earlier seals'
// own row. `noun`: "seal" or "signature"; `field`: what names one.
void conclude_earlier_seals(Report& r, std::size_t count, const std::string& failed, std::string_view noun,
                            std::string_view field);

// The embedded data block, as the format's lookup found it: parsed into
// `embedded` (absent: left empty). False when it is there but ambiguous,
// malformed or in an unsupported encoding; the kCertificate row saying so
// is then appended.
bool read_embedded(const pdf::AttachmentLookup& data, std::optional<CertificateDocument>& embedded, Report& r);

// Appends kCertificate and, as far as they apply, kAnnotation, kSealPolicy
// and kRevocation rows to `r`, and fills its document, sources, page text
// and revocation. `sealed_at`: the last seal's time (`time_proven`: by a
// verified timestamp).
void judge_certificate(text::PageCertificate page, std::optional<CertificateDocument> embedded,
                       std::optional<std::int64_t> sealed_at, bool time_proven, const VerifyOptions& options,
                       ListMemory* memory, Report& r);

}  // namespace sealcheck
