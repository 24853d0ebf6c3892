// An OFD document (GB/T 33190-2016) as a package: the ZIP (ofd/zip.h), its
// entry file OFD.xml -> DocBody -> DocRoot (Document.xml: the pages) and
// Signatures (Signatures.xml -> each Signature.xml: the references it
// signs, its seal and signed value, where its stamp sits). Read only as
// far as verification needs; anything a viewer could read another way
// (several documents, an entry given twice) is an error, not a choice.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ofd/zip.h"
#include "sealcheck/codes.h"

namespace sealcheck::ofd {

using Bytes = std::vector<std::uint8_t>;

struct OfdReference final {
  std::string path;  // package path, normalised (no leading '/')
  Bytes value;       // the CheckValue, base64-decoded
};

struct OfdStamp final {
  std::string page_id;               // PageRef: a page's ID
  std::array<double, 4> boundary{};  // x y w h, millimetres, page space (y down)
};

struct OfdSignature final {
  std::string id;
  std::string type;          // "Seal" (the default) or "Sign"
  std::string path;          // its Signature.xml
  std::string signed_value;  // SignedValue: the SES_Signature or CMS signature
  std::string seal;          // Seal/BaseLoc (.esl), or empty
  std::string check_method;  // References/@CheckMethod as written
  std::string signature_method;
  std::string date_time;  // SignatureDateTime as written
  std::string provider;   // Provider/@ProviderName
  std::vector<OfdReference> references;
  std::vector<OfdStamp> stamps;
  std::string error;      // why Signature.xml could not be read; empty when it was
  Code code = Code::kOk;  // with error: kStructureUnreadable or kSignatureAmbiguous
};

struct OfdPage final {
  std::string id;
  std::string path;  // its Content.xml
};

struct OfdPackage final {
  std::span<const std::uint8_t> file;
  ZipArchive zip;
  std::string error;  // empty when the package's structure was read
  Code code = Code::kOk;
  std::string document;                            // Document.xml
  std::string signatures;                          // Signatures.xml, or empty: not signed
  std::string attachments;                         // Document.xml's Attachments (Attachments.xml), or empty
  std::array<double, 4> page_box{0, 0, 210, 297};  // the document's PhysicalBox (mm)
  std::vector<OfdPage> pages;
  std::vector<OfdPage> templates;            // CommonData/TemplatePage: drawn under the pages that name them
  std::vector<OfdSignature> signature_list;  // in Signatures.xml order

  bool ok() const { return error.empty(); }
  // The entry a package path names: the one of that name, or else the one
  // whose name differs only in case (producers on Windows write paths in
  // any case; the ZIP reader refuses two names differing only in case, so
  // there is never a choice). Null when there is none.
  const ZipEntry* entry(std::string_view path) const;
  // An entry's bytes (inflated, CRC-checked), by package path.
  std::optional<Bytes> read(std::string_view path, std::string* why) const;
};

// Whether two package paths name the same entry (ASCII case folded).
bool same_path(std::string_view a, std::string_view b);

// Whether the bytes start like a ZIP archive (a local file header).
bool looks_like_zip(std::span<const std::uint8_t> file);

OfdPackage load_package(std::span<const std::uint8_t> file);

// A path as OFD writes them ("/Doc_0/Pages/Page_0/Content.xml" from the
// package root, or relative to `base_dir`), normalised: no leading '/', no
// "." or ".." (one that would leave the package: nullopt), no backslash.
std::optional<std::string> resolve_path(std::string_view base_dir, std::string_view ref);
// The directory of a package path ("Doc_0/Signs/Sign_0/Signature.xml" ->
// "Doc_0/Signs/Sign_0").
std::string directory_of(std::string_view path);

}  // namespace sealcheck::ofd
