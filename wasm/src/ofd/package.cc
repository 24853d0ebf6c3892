#include "ofd/package.h"

#include <algorithm>

#include "ofd/xml.h"
#include "sealcheck/certs.h"
#include "sealcheck/limits.h"

namespace sealcheck::ofd {
namespace {

// "x y w h": four numbers.
std::optional<std::array<double, 4>> box_of(std::string_view s) {
  const auto n = parse_numbers(s, 4);
  if (!n || n->size() != 4) return std::nullopt;
  return std::array<double, 4>{(*n)[0], (*n)[1], (*n)[2], (*n)[3]};
}

std::string text_of(const XmlNode* n) { return n ? std::string(trim_xml_space(n->text)) : std::string(); }

struct Part final {
  XmlDocument xml;
  std::string error;
};

Part read_part(const OfdPackage& pkg, const std::string& path, std::string_view root_name) {
  Part p;
  std::string why;
  const std::optional<Bytes> bytes = pkg.read(path, &why);
  if (!bytes) {
    p.error = path + ": " + why;
    return p;
  }
  p.xml = parse_xml(*bytes);
  if (!p.xml.ok()) {
    p.error = path + ": " + p.xml.error;
  } else if (p.xml.root().name != root_name) {
    p.error = path + ": root element " + p.xml.root().name + ", not " + std::string(root_name);
  }
  return p;
}

// One Signature.xml: what it signs and where its values are.
void read_signature(const OfdPackage& pkg, OfdSignature& sig) {
  const Part part = read_part(pkg, sig.path, "Signature");
  auto fail = [&](Code code, std::string why) {
    sig.code = code;
    sig.error = std::move(why);
  };
  if (!part.error.empty()) return fail(Code::kStructureUnreadable, part.error);
  const XmlDocument& x = part.xml;
  const XmlNode& root = x.root();
  const std::string base = directory_of(sig.path);
  if (x.count(root, "SignedInfo") != 1 || x.count(root, "SignedValue") != 1) {
    return fail(Code::kSignatureAmbiguous, sig.path + ": not exactly one SignedInfo and one SignedValue");
  }
  const XmlNode& info = *x.child(root, "SignedInfo");
  const auto value = resolve_path(base, text_of(x.child(root, "SignedValue")));
  if (!value || value->empty()) return fail(Code::kStructureUnreadable, sig.path + ": SignedValue is no package path");
  sig.signed_value = *value;
  for (const char* single : {"References", "Seal", "SignatureMethod", "SignatureDateTime", "Provider"}) {
    if (x.count(info, single) > 1) return fail(Code::kSignatureAmbiguous, sig.path + ": " + single + " given twice");
  }
  if (const XmlNode* seal = x.child(info, "Seal")) {
    if (x.count(*seal, "BaseLoc") != 1) return fail(Code::kSignatureAmbiguous, sig.path + ": Seal without one BaseLoc");
    const auto loc = resolve_path(base, text_of(x.child(*seal, "BaseLoc")));
    if (!loc || loc->empty()) return fail(Code::kStructureUnreadable, sig.path + ": Seal/BaseLoc is no package path");
    sig.seal = *loc;
  }
  sig.signature_method = text_of(x.child(info, "SignatureMethod"));
  sig.date_time = text_of(x.child(info, "SignatureDateTime"));
  if (const XmlNode* provider = x.child(info, "Provider")) {
    if (const std::string* n = provider->attribute("ProviderName")) sig.provider = *n;
  }
  const XmlNode* refs = x.child(info, "References");
  if (refs == nullptr) return fail(Code::kStructureUnreadable, sig.path + ": no References");
  // GB/T 33190 18.2.2: CheckMethod defaults to MD5, which is refused later.
  const std::string* method = refs->attribute("CheckMethod");
  sig.check_method = method ? std::string(trim_xml_space(*method)) : "MD5";
  const auto list = x.children(*refs, "Reference");
  if (list.size() > limits::kMaxOfdReferences) {
    return fail(Code::kStructureUnreadable,
                sig.path + ": more than " + std::to_string(limits::kMaxOfdReferences) + " references");
  }
  for (const XmlNode* r : list) {
    const std::string* ref = r->attribute("FileRef");
    const auto path = ref ? resolve_path(base, *ref) : std::nullopt;
    if (!path || path->empty()) return fail(Code::kStructureUnreadable, sig.path + ": a Reference without a FileRef");
    if (x.count(*r, "CheckValue") != 1) {
      return fail(Code::kSignatureAmbiguous, sig.path + ": reference " + *path + " without one CheckValue");
    }
    auto digest = from_base64(x.child(*r, "CheckValue")->text, true);
    if (!digest || digest->empty()) return fail(Code::kStructureUnreadable, sig.path + ": CheckValue of " + *path);
    // One file, one statement: a second reference to it is what a forger
    // would add, and two readers could take different ones.
    for (const OfdReference& seen : sig.references) {
      if (same_path(seen.path, *path))
        return fail(Code::kSignatureAmbiguous, sig.path + ": " + *path + " referenced twice");
    }
    sig.references.push_back({*path, std::move(*digest)});
  }
  for (const XmlNode* s : x.children(info, "StampAnnot")) {
    OfdStamp stamp;
    if (const std::string* page = s->attribute("PageRef")) stamp.page_id = std::string(trim_xml_space(*page));
    const std::string* b = s->attribute("Boundary");
    if (const auto box = b ? box_of(*b) : std::nullopt) stamp.boundary = *box;
    sig.stamps.push_back(std::move(stamp));
  }
}

void read_document(OfdPackage& pkg) {
  const Part part = read_part(pkg, pkg.document, "Document");
  if (!part.error.empty()) {
    pkg.code = Code::kStructureUnreadable;
    pkg.error = part.error;
    return;
  }
  const XmlDocument& x = part.xml;
  const std::string base = directory_of(pkg.document);
  if (x.count(x.root(), "Pages") != 1 || x.count(x.root(), "CommonData") > 1 || x.count(x.root(), "Attachments") > 1) {
    pkg.code = Code::kStructureAmbiguous;
    pkg.error = pkg.document + ": not exactly one Pages, or CommonData or Attachments twice";
    return;
  }
  if (const XmlNode* common = x.child(x.root(), "CommonData")) {
    if (const XmlNode* area = x.child(*common, "PageArea")) {
      if (const auto box = box_of(text_of(x.child(*area, "PhysicalBox")))) pkg.page_box = *box;
    }
    for (const XmlNode* t : x.children(*common, "TemplatePage")) {
      const std::string* id = t->attribute("ID");
      const std::string* loc = t->attribute("BaseLoc");
      const auto path = loc ? resolve_path(base, *loc) : std::nullopt;
      if (id && path && !path->empty()) pkg.templates.push_back({std::string(trim_xml_space(*id)), *path});
    }
  }
  if (const XmlNode* a = x.child(x.root(), "Attachments")) {
    if (const auto path = resolve_path(base, text_of(a))) pkg.attachments = *path;
  }
  for (const XmlNode* p : x.children(*x.child(x.root(), "Pages"), "Page")) {
    const std::string* id = p->attribute("ID");
    const std::string* loc = p->attribute("BaseLoc");
    const auto path = loc ? resolve_path(base, *loc) : std::nullopt;
    if (!path || path->empty()) {
      pkg.code = Code::kStructureUnreadable;
      pkg.error = pkg.document + ": a page without a BaseLoc";
      return;
    }
    pkg.pages.push_back({id ? std::string(trim_xml_space(*id)) : std::string(), *path});
  }
}

void read_signature_list(OfdPackage& pkg) {
  const Part part = read_part(pkg, pkg.signatures, "Signatures");
  if (!part.error.empty()) {
    pkg.code = Code::kStructureUnreadable;
    pkg.error = part.error;
    return;
  }
  const XmlDocument& x = part.xml;
  const std::string base = directory_of(pkg.signatures);
  const auto list = x.children(x.root(), "Signature");
  if (list.size() > limits::kMaxOfdSignatures) {
    pkg.code = Code::kStructureUnreadable;
    pkg.error = "more than " + std::to_string(limits::kMaxOfdSignatures) + " signatures";
    return;
  }
  for (const XmlNode* s : list) {
    OfdSignature sig;
    if (const std::string* id = s->attribute("ID")) sig.id = std::string(trim_xml_space(*id));
    const std::string* type = s->attribute("Type");
    sig.type = type ? std::string(trim_xml_space(*type)) : "Seal";
    const std::string* loc = s->attribute("BaseLoc");
    const auto path = loc ? resolve_path(base, *loc) : std::nullopt;
    if (!path || path->empty()) {
      pkg.code = Code::kStructureUnreadable;
      pkg.error = pkg.signatures + ": a signature without a BaseLoc";
      return;
    }
    for (const OfdSignature& seen : pkg.signature_list) {
      if (same_path(seen.path, *path)) {
        pkg.code = Code::kSignatureAmbiguous;
        pkg.error = pkg.signatures + ": " + *path + " listed twice";
        return;
      }
    }
    sig.path = *path;
    read_signature(pkg, sig);
    pkg.signature_list.push_back(std::move(sig));
  }
}

}  // namespace

bool looks_like_zip(std::span<const std::uint8_t> file) {
  return file.size() >= 4 && file[0] == 'P' && file[1] == 'K' && file[2] == 3 && file[3] == 4;
}

bool same_path(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

const ZipEntry* OfdPackage::entry(std::string_view path) const {
  if (const ZipEntry* e = zip.find(path)) return e;
  for (const ZipEntry& e : zip.entries) {
    if (same_path(e.name, path)) return &e;
  }
  return nullptr;
}

std::optional<Bytes> OfdPackage::read(std::string_view path, std::string* why) const {
  const ZipEntry* e = entry(path);
  if (e == nullptr) {
    if (why) *why = "not in the package";
    return std::nullopt;
  }
  return zip_extract(file, *e, why);
}

OfdPackage load_package(std::span<const std::uint8_t> file) {
  OfdPackage pkg;
  pkg.file = file;
  pkg.zip = read_zip(file);
  auto fail = [&](Code code, std::string why) {
    pkg.code = code;
    pkg.error = std::move(why);
    return std::move(pkg);
  };
  if (!pkg.zip.ok()) return fail(Code::kStructureUnreadable, "ZIP: " + pkg.zip.error);
  const Part entry = read_part(pkg, "OFD.xml", "OFD");
  if (!entry.error.empty()) return fail(Code::kStructureUnreadable, entry.error);
  const XmlDocument& x = entry.xml;
  // Several documents in one package: a viewer shows one of them, and
  // which one is the viewer's choice.
  if (x.count(x.root(), "DocBody") != 1) return fail(Code::kStructureAmbiguous, "OFD.xml: not exactly one DocBody");
  const XmlNode& body = *x.child(x.root(), "DocBody");
  if (x.count(body, "DocRoot") != 1 || x.count(body, "Signatures") > 1) {
    return fail(Code::kStructureAmbiguous, "OFD.xml: not exactly one DocRoot, or Signatures twice");
  }
  const auto doc = resolve_path("", text_of(x.child(body, "DocRoot")));
  if (!doc || doc->empty()) return fail(Code::kStructureUnreadable, "OFD.xml: DocRoot is no package path");
  pkg.document = *doc;
  if (const XmlNode* sigs = x.child(body, "Signatures")) {
    const auto path = resolve_path("", text_of(sigs));
    if (!path || path->empty()) return fail(Code::kStructureUnreadable, "OFD.xml: Signatures is no package path");
    pkg.signatures = *path;
  }
  read_document(pkg);
  if (pkg.ok() && !pkg.signatures.empty()) read_signature_list(pkg);
  return pkg;
}

std::optional<std::string> resolve_path(std::string_view base_dir, std::string_view ref) {
  ref = trim_xml_space(ref);
  if (ref.find('\\') != std::string_view::npos) return std::nullopt;
  std::vector<std::string_view> parts;
  auto push = [&](std::string_view path) {
    std::size_t start = 0;
    while (start <= path.size()) {
      const std::size_t slash = std::min(path.find('/', start), path.size());
      const std::string_view seg = path.substr(start, slash - start);
      start = slash + 1;
      if (seg.empty() || seg == ".") continue;
      if (seg == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else {
        parts.push_back(seg);
      }
    }
    return true;
  };
  if (!(ref.starts_with('/') || push(base_dir)) || !push(ref)) return std::nullopt;
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

std::string directory_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

}  // namespace sealcheck::ofd
