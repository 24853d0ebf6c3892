#include "issuer/pdf_sign.h"

#include "crypto/der.h"

#include "crypto/signed_data.h"

#include "issuer/ses_sign.h"
#include "sealcheck/domain_rules.h"

#include <openssl/cms.h>
#include <openssl/ess.h>
#include <openssl/ts.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "crypto/ossl.h"
#include "issuer/pdf_writer.h"
#include "pdf/document.h"
#include "sealcheck/certificate.h"

namespace sealcheck::issuer {
namespace {

using pdf::Object;

constexpr std::size_t kByteRangeWidth = 10;  // digits per placeholder number

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

std::string pdf_date(std::int64_t t) {
  const time_t tt = static_cast<time_t>(t);
  struct tm tm {};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string escape_pdf_string(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string range_text(const std::array<std::int64_t, 4>& r) {
  char buf[96];
  const int w = static_cast<int>(kByteRangeWidth);
  std::snprintf(buf, sizeof buf, "[%lld %*lld %*lld %*lld]", static_cast<long long>(r[0]), w,
                static_cast<long long>(r[1]), w, static_cast<long long>(r[2]), w, static_cast<long long>(r[3]));
  return buf;
}

std::shared_ptr<pdf::Dict> copy_dict(const Object& o) {
  const pdf::Dict* d = o.as_dict();
  if (d == nullptr) fail("expected a dictionary");
  return std::make_shared<pdf::Dict>(*d);
}

void set(pdf::Dict& d, const std::string& key, Object value) {
  for (auto& [k, v] : d.entries) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  d.entries.emplace_back(key, std::move(value));
}

Object dict_object(std::shared_ptr<pdf::Dict> d) { return Object(std::shared_ptr<const pdf::Dict>(std::move(d))); }
Object array_object(pdf::Array a) {
  return Object(std::shared_ptr<const pdf::Array>(std::make_shared<pdf::Array>(std::move(a))));
}

// Appends `ref` to an array that may be direct, indirect or missing; an
// indirect array is rewritten in place (added to `updates`).
Object append_to_array(pdf::Document& doc, const Object* current, const Object& ref,
                       std::map<std::uint32_t, std::string>& updates) {
  pdf::Array items;
  if (current != nullptr) {
    const Object resolved = doc.resolve(*current);
    if (const pdf::Array* a = resolved.as_array()) items = *a;
  }
  items.push_back(ref);
  if (current != nullptr && current->as_ref() != nullptr) {
    updates[current->as_ref()->num] = pdf::serialize(array_object(items));
    return *current;
  }
  return array_object(std::move(items));
}

// The first page, walking /Kids (bounded, cycle-safe).
std::optional<pdf::Ref> first_page(pdf::Document& doc, const Object& pages) {
  Object node = pages;
  for (int depth = 0; depth < 32; ++depth) {
    const pdf::Ref* r = node.as_ref();
    if (r == nullptr) return std::nullopt;
    const Object o = doc.get(r->num);
    const pdf::Dict* d = o.as_dict();
    if (d == nullptr) return std::nullopt;
    if (d->find("Type") && d->find("Type")->is_name("Page")) return *r;
    const Object kids = d->find("Kids") ? doc.resolve(*d->find("Kids")) : Object{};
    if (!kids.as_array() || kids.as_array()->empty()) return std::nullopt;
    node = kids.as_array()->front();
  }
  return std::nullopt;
}

}  // namespace

std::array<std::int64_t, 4> Prepared::exact_range() const {
  return {0, static_cast<std::int64_t>(gap_start), static_cast<std::int64_t>(gap_end),
          static_cast<std::int64_t>(bytes.size() - gap_end)};
}

std::vector<std::uint8_t> timestamp_token(X509* tsa_cert, EVP_PKEY* tsa_key, std::span<const std::uint8_t> data,
                                          std::int64_t at) {
  unsigned char digest[32];
  if (EVP_Digest(data.data(), data.size(), digest, nullptr, EVP_sha256(), nullptr) != 1) {
    fail("timestamp: digest failed");
  }
  std::unique_ptr<TS_REQ, decltype(&TS_REQ_free)> req(TS_REQ_new(), TS_REQ_free);
  std::unique_ptr<TS_MSG_IMPRINT, decltype(&TS_MSG_IMPRINT_free)> mi(TS_MSG_IMPRINT_new(), TS_MSG_IMPRINT_free);
  std::unique_ptr<X509_ALGOR, decltype(&X509_ALGOR_free)> alg(X509_ALGOR_new(), X509_ALGOR_free);
  std::unique_ptr<TS_RESP_CTX, decltype(&TS_RESP_CTX_free)> ctx(TS_RESP_CTX_new(), TS_RESP_CTX_free);
  std::unique_ptr<ASN1_OBJECT, decltype(&ASN1_OBJECT_free)> policy(OBJ_txt2obj("1.2.3.4.1", 1), ASN1_OBJECT_free);
  if (!req || !mi || !alg || !ctx || !policy ||
      X509_ALGOR_set0(alg.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) != 1 ||
      TS_MSG_IMPRINT_set_algo(mi.get(), alg.get()) != 1 || TS_MSG_IMPRINT_set_msg(mi.get(), digest, 32) != 1 ||
      TS_REQ_set_version(req.get(), 1) != 1 || TS_REQ_set_msg_imprint(req.get(), mi.get()) != 1 ||
      TS_REQ_set_cert_req(req.get(), 1) != 1 || TS_RESP_CTX_set_signer_cert(ctx.get(), tsa_cert) != 1 ||
      TS_RESP_CTX_set_signer_key(ctx.get(), tsa_key) != 1 || TS_RESP_CTX_set_def_policy(ctx.get(), policy.get()) != 1 ||
      TS_RESP_CTX_add_md(ctx.get(), EVP_sha256()) != 1) {
    fail("timestamp: request or responder set-up failed");
  }
  // The caller's clock, not the machine's.
  TS_RESP_CTX_set_time_cb(
      ctx.get(),
      [](TS_RESP_CTX*, void* when, long* sec, long* usec) {
        *sec = static_cast<long>(*static_cast<const std::int64_t*>(when));
        *usec = 0;
        return 1;
      },
      &at);
  unsigned char* req_der = nullptr;
  const int req_len = i2d_TS_REQ(req.get(), &req_der);
  ossl::Bio in(BIO_new_mem_buf(req_der, req_len));
  std::unique_ptr<TS_RESP, decltype(&TS_RESP_free)> resp(TS_RESP_create_response(ctx.get(), in.get()), TS_RESP_free);
  OPENSSL_free(req_der);
  PKCS7* token = resp ? TS_RESP_get_token(resp.get()) : nullptr;
  unsigned char* der = nullptr;
  const int len = token ? i2d_PKCS7(token, &der) : -1;
  if (len <= 0) fail("timestamp: the responder gave no token");
  std::vector<std::uint8_t> out(der, der + len);
  OPENSSL_free(der);
  return out;
}

namespace {

// The token over the seal's signature value becomes the SignerInfo's
// (unsigned) signatureTimeStampToken.
void add_signature_timestamp(CMS_SignerInfo* si, const Signer& s) {
  const ASN1_OCTET_STRING* sig = CMS_SignerInfo_get0_signature(si);
  const std::vector<std::uint8_t> token =
      timestamp_token(s.tsa_cert, s.tsa_key,
                      {ASN1_STRING_get0_data(sig), static_cast<std::size_t>(ASN1_STRING_length(sig))}, s.tsa_time);
  if (CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, token.data(),
                                    static_cast<int>(token.size())) != 1) {
    fail("timestamp: cannot add the token");
  }
}

}  // namespace

std::vector<std::uint8_t> sign_detached(const std::vector<std::string_view>& parts, const Signer& s,
                                        const Forgery& forgery) {
  if (!s.ses_seal.empty()) {
    SesSignOptions o;
    o.id = s.sm2.id;
    if (s.tsa_cert != nullptr) fail("signature timestamps are added to CMS seals only");
    return sign_detached_ses(parts, s.cert, s.key, s.ses_seal, s.signing_time, o);
  }
  if (EVP_PKEY_is_a(s.key, "SM2")) {
    if (s.tsa_cert != nullptr) fail("signature timestamps are added to CMS seals only");
    return sign_detached_sm2(parts, s.cert, s.key, s.chain, s.signing_time, s.sm2);
  }
  ossl::Bio data(BIO_new(BIO_s_mem()));
  for (std::string_view p : parts) BIO_write(data.get(), p.data(), static_cast<int>(p.size()));
  ossl::X509Stack extra(sk_X509_new_null());
  for (X509* c : s.chain) {
    X509_up_ref(c);
    sk_X509_push(extra.get(), c);
  }
  const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  ossl::Cms cms(CMS_sign(nullptr, nullptr, extra.get(), nullptr, flags));
  if (!cms) fail("CMS_sign failed");
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), s.cert, s.key, s.digest ? s.digest : EVP_sha256(), flags);
  if (si == nullptr) fail("CMS_add1_signer failed");
  // Our clock, not OpenSSL's: the issuer decides the signing time.
  int ok = 1;
  if (!forgery.omit_signing_time) {
    ASN1_TIME* t = ASN1_TIME_set(nullptr, static_cast<time_t>(s.signing_time));
    ok = CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, t->type, t, -1);
    ASN1_TIME_free(t);
  }
  // ESS signing-certificate-v2 binds the seal certificate into what is
  // signed (PAdES; stops certificate substitution).
  if (ok == 1 && !forgery.omit_signing_certificate) {
    X509* bound = forgery.bind_certificate ? forgery.bind_certificate : s.cert;
    ESS_SIGNING_CERT_V2* sc = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), bound, nullptr, 1);
    unsigned char* der = nullptr;
    const int len = sc ? i2d_ESS_SIGNING_CERT_V2(sc, &der) : -1;
    ASN1_STRING* seq = len > 0 ? ASN1_STRING_new() : nullptr;
    ok = seq != nullptr && ASN1_STRING_set(seq, der, len) == 1 &&
                 CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, V_ASN1_SEQUENCE, seq, -1) == 1
             ? 1
             : 0;
    ASN1_STRING_free(seq);
    OPENSSL_free(der);
    ESS_SIGNING_CERT_V2_free(sc);
  }
  // revocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF
  // CertificateList } (ISO 32000 12.8.3.3.2), DER written by hand.
  if (ok == 1 && (!s.archived_crls.empty() || !s.archived_ocsps.empty())) {
    const auto tlv = [](std::uint8_t tag, const std::vector<std::uint8_t>& body) { return der_tlv(tag, body); };
    const auto list = [&](std::uint8_t tag, const std::vector<std::vector<std::uint8_t>>& items) {
      std::vector<std::uint8_t> all;
      for (const auto& item : items) all.insert(all.end(), item.begin(), item.end());
      return items.empty() ? std::vector<std::uint8_t>() : tlv(tag, tlv(0x30, all));
    };
    std::vector<std::uint8_t> body = list(0xA0, s.archived_crls);
    const std::vector<std::uint8_t> ocsps = list(0xA1, s.archived_ocsps);
    body.insert(body.end(), ocsps.begin(), ocsps.end());
    const std::vector<std::uint8_t> value = tlv(0x30, body);
    ASN1_STRING* seq = ASN1_STRING_new();
    ASN1_OBJECT* oid = OBJ_txt2obj("1.2.840.113583.1.1.8", 1);
    ok = seq != nullptr && oid != nullptr && ASN1_STRING_set(seq, value.data(), static_cast<int>(value.size())) == 1 &&
                 CMS_signed_add1_attr_by_OBJ(si, oid, V_ASN1_SEQUENCE, seq, -1) == 1
             ? 1
             : 0;
    ASN1_OBJECT_free(oid);
    ASN1_STRING_free(seq);
  }
  if (ok == 1 && forgery.content_type_nid != 0) {
    // A forgery: OpenSSL's CMS_final always writes contentType id-data, so
    // the attributes are completed and signed here instead.
    std::vector<std::uint8_t> whole;
    for (std::string_view p : parts) whole.insert(whole.end(), p.begin(), p.end());
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    ok = EVP_Digest(whole.data(), whole.size(), md, &md_len, s.digest ? s.digest : EVP_sha256(), nullptr) == 1 &&
                 CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, md,
                                             static_cast<int>(md_len)) == 1 &&
                 CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT,
                                             OBJ_nid2obj(forgery.content_type_nid), -1) == 1 &&
                 CMS_SignerInfo_sign(si) == 1
             ? 1
             : 0;
    if (ok != 1) fail("CMS signing failed");
  } else if (ok != 1 || CMS_final(cms.get(), data.get(), nullptr, flags) != 1) {
    fail("CMS signing failed");
  }
  auto encode = [&] {
    unsigned char* der = nullptr;
    const int len = i2d_CMS_ContentInfo(cms.get(), &der);
    if (len <= 0) fail("CMS encoding failed");
    std::vector<std::uint8_t> out(der, der + len);
    OPENSSL_free(der);
    return out;
  };
  if (forgery.omit_signing_time) {
    // A seal that states no time (the test corpus): OpenSSL always adds
    // signingTime when it signs, so the attribute is taken out again and
    // the remaining attributes are signed here.
    const int index = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
    if (index >= 0) X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, index));
    const std::vector<std::uint8_t> unsigned_der = encode();
    const auto view = parse_signed_data(unsigned_der);
    if (!view || view->signers.size() != 1 || !view->signers[0].signed_attributes) fail("CMS re-signing failed");
    const std::vector<std::uint8_t> tbs = signed_attributes_to_sign(*view->signers[0].signed_attributes);
    ossl::MdCtx ctx(EVP_MD_CTX_new());
    std::size_t sig_len = 0;
    if (EVP_DigestSignInit(ctx.get(), nullptr, s.digest ? s.digest : EVP_sha256(), nullptr, s.key) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &sig_len, tbs.data(), tbs.size()) != 1) {
      fail("CMS re-signing failed");
    }
    std::vector<std::uint8_t> sig(sig_len);
    if (EVP_DigestSign(ctx.get(), sig.data(), &sig_len, tbs.data(), tbs.size()) != 1 ||
        ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig.data(), static_cast<int>(sig_len)) != 1) {
      fail("CMS re-signing failed");
    }
  }
  if (s.tsa_cert != nullptr) add_signature_timestamp(si, s);
  return encode();
}

namespace {

// Objects for an embedded file: the stream and its file specification; the
// catalog gets /Names /EmbeddedFiles and /AF pointing at the latter.
void embed(pdf::Dict& catalog, const Attachment& a, std::uint32_t stream_num, std::uint32_t spec_num,
           std::map<std::uint32_t, std::string>& bodies) {
  const std::string mime = pdf::serialize(Object(pdf::Name{a.mime_type}));
  bodies[stream_num] = "<< /Type /EmbeddedFile /Subtype " + mime + " /Length " + std::to_string(a.data.size()) +
                       " /Params << /Size " + std::to_string(a.data.size()) + " >> >>\nstream\n" + a.data +
                       "\nendstream";
  const std::string name = pdf::serialize(Object(pdf::String{a.name, true, 0, 0}));
  bodies[spec_num] = "<< /Type /Filespec /F " + name + " /UF " + name + " /EF << /F " + std::to_string(stream_num) +
                     " 0 R >> /AFRelationship /Data >>";
  const Object spec_ref(pdf::Ref{spec_num, 0});
  pdf::Array names{Object(pdf::String{a.name, true, 0, 0}), spec_ref};
  auto tree = std::make_shared<pdf::Dict>();
  set(*tree, "Names", array_object(std::move(names)));
  auto name_dict = catalog.find("Names") && catalog.find("Names")->as_dict()
                       ? std::make_shared<pdf::Dict>(*catalog.find("Names")->as_dict())
                       : std::make_shared<pdf::Dict>();
  set(*name_dict, "EmbeddedFiles", dict_object(tree));
  set(catalog, "Names", dict_object(name_dict));
  set(catalog, "AF", array_object({spec_ref}));
}

// Appends objects, an xref section and a trailer chained to `doc`'s last one.
std::size_t append_revision(std::vector<std::uint8_t>& out, pdf::Document& doc,
                            const std::map<std::uint32_t, std::string>& bodies, std::uint32_t new_size,
                            const std::function<void(std::uint32_t, std::string&)>& raw_writer = {}) {
  auto append = [&](const std::string& s) { out.insert(out.end(), s.begin(), s.end()); };
  if (out.empty() || (out.back() != '\n' && out.back() != '\r')) out.push_back('\n');
  std::map<std::uint32_t, std::size_t> offsets;
  for (const auto& [num, body] : bodies) {
    offsets[num] = out.size();
    if (body.empty() && raw_writer) {
      std::string raw;
      raw_writer(num, raw);
      append(raw);
    } else {
      append(std::to_string(num) + " 0 obj\n" + body + "\nendobj\n");
    }
  }
  const std::size_t xref = out.size();
  std::string x = "xref\n";
  for (auto it = offsets.begin(); it != offsets.end();) {
    auto run_end = it;
    std::uint32_t n = it->first;
    while (run_end != offsets.end() && run_end->first == n) {
      ++run_end;
      ++n;
    }
    x += std::to_string(it->first) + " " + std::to_string(n - it->first) + "\n";
    for (; it != run_end; ++it) {
      char line[32];
      std::snprintf(line, sizeof line, "%010zu 00000 n \n", it->second);
      x += line;
    }
  }
  const pdf::Dict& trailer = *doc.trailer();
  auto new_trailer = std::make_shared<pdf::Dict>();
  set(*new_trailer, "Size", Object(static_cast<std::int64_t>(new_size)));
  set(*new_trailer, "Root", *trailer.find("Root"));
  if (const Object* info = trailer.find("Info")) set(*new_trailer, "Info", *info);
  if (const Object* id = trailer.find("ID")) set(*new_trailer, "ID", *id);
  set(*new_trailer, "Prev", Object(static_cast<std::int64_t>(doc.revisions().back().xref_offset)));
  x += "trailer\n" + pdf::serialize(dict_object(new_trailer)) + "\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  append(x);
  return xref;
}

struct Base {
  pdf::Document doc;
  pdf::Ref root;
  std::uint32_t size;
};

Base open_base(std::span<const std::uint8_t> base) {
  pdf::Document doc = pdf::Document::load(base);
  if (!doc.usable() || doc.repaired()) fail("the PDF's structure cannot be read cleanly");
  if (doc.encrypted()) fail("encrypted PDFs cannot be sealed");
  if (doc.revisions().empty()) fail("the PDF has no cross-reference section");
  const Object* root_ref = doc.trailer()->find("Root");
  const Object* size_obj = doc.trailer()->find("Size");
  if (!root_ref || !root_ref->as_ref() || !size_obj || !size_obj->as_int() || *size_obj->as_int() < 1) {
    fail("trailer lacks /Root or /Size");
  }
  const pdf::Ref root = *root_ref->as_ref();
  const auto size = static_cast<std::uint32_t>(*size_obj->as_int());
  return {std::move(doc), root, size};
}

}  // namespace

std::vector<std::uint8_t> attach_only(std::span<const std::uint8_t> base, const Attachment& attachment) {
  Base b = open_base(base);
  auto catalog = copy_dict(b.doc.get(b.root.num));
  std::map<std::uint32_t, std::string> bodies;
  embed(*catalog, attachment, b.size, b.size + 1, bodies);
  bodies[b.root.num] = pdf::serialize(dict_object(catalog));
  std::vector<std::uint8_t> out(base.begin(), base.end());
  append_revision(out, b.doc, bodies, b.size + 2);
  return out;
}

Prepared prepare_signature(std::span<const std::uint8_t> base, const SignOptions& options,
                           std::optional<std::int64_t> signing_time) {
  pdf::Document doc = pdf::Document::load(base);
  if (!doc.usable() || doc.repaired()) fail("the PDF's structure cannot be read cleanly");
  if (doc.encrypted()) fail("encrypted PDFs cannot be sealed");
  if (doc.revisions().empty()) fail("the PDF has no cross-reference section");
  const pdf::Dict& trailer = *doc.trailer();
  const Object* root_ref = trailer.find("Root");
  const Object* size_obj = trailer.find("Size");
  if (!root_ref || !root_ref->as_ref() || !size_obj || !size_obj->as_int()) fail("trailer lacks /Root or /Size");
  const auto size = static_cast<std::uint32_t>(*size_obj->as_int());
  const std::uint32_t sig_num = size, field_num = size + 1;
  const Object field_ref(pdf::Ref{field_num, 0});

  std::map<std::uint32_t, std::string> updates;  // object number -> serialised body
  const Object catalog = doc.get(root_ref->as_ref()->num);
  auto new_catalog = copy_dict(catalog);

  // The form: extend /Fields, set /SigFlags 3 (signatures exist, append only).
  const Object* af_entry = catalog.as_dict()->find("AcroForm");
  const Object af = af_entry ? doc.resolve(*af_entry) : Object{};
  auto new_af = af.as_dict() ? copy_dict(af) : std::make_shared<pdf::Dict>();
  set(*new_af, "Fields", append_to_array(doc, new_af->find("Fields"), field_ref, updates));
  set(*new_af, "SigFlags", Object(std::int64_t{3}));
  if (af_entry && af_entry->as_ref()) {
    updates[af_entry->as_ref()->num] = pdf::serialize(dict_object(new_af));
  } else {
    set(*new_catalog, "AcroForm", dict_object(new_af));
    updates[root_ref->as_ref()->num] = pdf::serialize(dict_object(new_catalog));
  }

  // The widget sits on the first page, over the drawn seal (or invisible:
  // a zero rectangle); printable and locked.
  std::string rect;
  for (double v : options.rect) {
    char num[32];
    std::snprintf(num, sizeof num, "%.2f", v);
    rect += (rect.empty() ? "" : " ") + std::string(num);
  }
  std::string field = "<< /Type /Annot /Subtype /Widget /FT /Sig /T " +
                      pdf::serialize(Object(pdf::String{options.field_name, true, 0, 0})) + " /V " +
                      std::to_string(sig_num) + " 0 R /Rect [" + rect + "] /F 132";
  const Object* pages = catalog.as_dict()->find("Pages");
  if (const auto page = pages ? first_page(doc, *pages) : std::nullopt) {
    field += " /P " + std::to_string(page->num) + " 0 R";
    const Object page_obj = doc.get(page->num);
    auto new_page = copy_dict(page_obj);
    set(*new_page, "Annots", append_to_array(doc, new_page->find("Annots"), field_ref, updates));
    if (!updates.count(page->num)) updates[page->num] = pdf::serialize(dict_object(new_page));
  }
  field += " >>";

  if (options.attachment) {
    embed(*new_catalog, *options.attachment, size + 2, size + 3, updates);
    updates[root_ref->as_ref()->num] = pdf::serialize(dict_object(new_catalog));
  }
  const std::uint32_t new_size = options.attachment ? size + 4 : size + 2;

  if (options.sub_filter.empty() ||
      options.sub_filter.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.") !=
          std::string::npos) {
    fail("bad SubFilter name");
  }
  Prepared p;
  p.bytes.assign(base.begin(), base.end());
  // The signature dictionary is written raw: its placeholder offsets matter.
  updates[sig_num] = "";
  updates[field_num] = field;
  append_revision(p.bytes, doc, updates, new_size, [&](std::uint32_t, std::string& raw) {
    const std::size_t at = p.bytes.size();
    raw = std::to_string(sig_num) +
          (options.document_timestamp
               ? " 0 obj\n<< /Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161"
               : " 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /" + options.sub_filter) +
          " /ByteRange ";
    p.range_pos = at + raw.size();
    raw += range_text({0, 0, 0, 0}) + " /Contents ";
    p.gap_start = at + raw.size();
    raw += "<" + std::string(options.contents_bytes * 2, '0') + ">";
    p.gap_end = at + raw.size();
    if (signing_time && !options.document_timestamp) raw += " /M (" + escape_pdf_string(pdf_date(*signing_time)) + ")";
    raw += " >>\nendobj\n";
  });
  return p;
}

namespace {

// Writes the byte range into its placeholder.
void fill(Prepared& p, const std::array<std::int64_t, 4>& br) {
  const std::string text = range_text(br);
  if (text.size() != range_text({0, 0, 0, 0}).size()) fail("byte range does not fit its placeholder");
  std::copy(text.begin(), text.end(), p.bytes.begin() + static_cast<std::ptrdiff_t>(p.range_pos));
  const auto size = static_cast<std::int64_t>(p.bytes.size());
  if (br[0] < 0 || br[1] < 0 || br[0] + br[1] > size || br[2] < 0 || br[3] < 0 || br[2] + br[3] > size) {
    fail("byte range outside the file");
  }
}

// The two ranges' bytes, once the range is written.
std::vector<std::string_view> ranges_of(const Prepared& p, const std::array<std::int64_t, 4>& br) {
  const std::string_view view(reinterpret_cast<const char*>(p.bytes.data()), p.bytes.size());
  return {view.substr(static_cast<std::size_t>(br[0]), static_cast<std::size_t>(br[1])),
          view.substr(static_cast<std::size_t>(br[2]), static_cast<std::size_t>(br[3]))};
}

void write_contents(Prepared& p, std::span<const std::uint8_t> der) {
  if (der.size() * 2 > p.gap_end - p.gap_start - 2) fail("signature does not fit its placeholder");
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < der.size(); ++i) {
    p.bytes[p.gap_start + 1 + 2 * i] = static_cast<std::uint8_t>(kHex[der[i] >> 4]);
    p.bytes[p.gap_start + 2 + 2 * i] = static_cast<std::uint8_t>(kHex[der[i] & 15]);
  }
}

}  // namespace

std::vector<std::uint8_t> fill_contents(Prepared p, const std::array<std::int64_t, 4>& br,
                                        std::span<const std::uint8_t> der) {
  fill(p, br);
  write_contents(p, der);
  return std::move(p.bytes);
}

std::vector<std::uint8_t> finish_signature(Prepared p, const Signer& signer, const std::array<std::int64_t, 4>& br,
                                           const Forgery& forgery) {
  fill(p, br);
  const auto cms = sign_detached(ranges_of(p, br), signer, forgery);
  write_contents(p, cms);
  return std::move(p.bytes);
}

std::vector<std::uint8_t> timestamp_pdf(std::span<const std::uint8_t> base, X509* tsa_cert, EVP_PKEY* tsa_key,
                                        std::int64_t at, const std::string& field_name) {
  SignOptions o;
  o.field_name = field_name;
  o.document_timestamp = true;
  Prepared p = prepare_signature(base, o, std::nullopt);
  const auto br = p.exact_range();
  fill(p, br);
  std::string covered;
  for (const std::string_view part : ranges_of(p, br)) covered += part;
  const auto token =
      timestamp_token(tsa_cert, tsa_key, {reinterpret_cast<const std::uint8_t*>(covered.data()), covered.size()}, at);
  write_contents(p, token);
  return std::move(p.bytes);
}

std::vector<std::uint8_t> sign_pdf(std::span<const std::uint8_t> base, const Signer& signer, const SignOptions& options,
                                   const Forgery& forgery) {
  Prepared p = prepare_signature(
      base, options, forgery.omit_signing_time ? std::nullopt : std::optional<std::int64_t>(signer.signing_time));
  const auto range = p.exact_range();
  return finish_signature(std::move(p), signer, range, forgery);
}

std::vector<std::uint8_t> make_unsigned_sample(const std::string& text, std::size_t pad_bytes) {
  const std::string stream = "BT /F1 20 Tf 72 760 Td (" + escape_pdf_string(text) + ") Tj ET\n";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "endstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  if (pad_bytes > 0) {
    // Deterministic incompressible bytes (an LCG), like image data.
    std::string pad(pad_bytes, '\0');
    std::uint32_t x = 2463534242u;
    for (char& c : pad) {
      x = x * 1664525u + 1013904223u;
      c = static_cast<char>(x >> 24);
    }
    objects.push_back("<< /Length " + std::to_string(pad.size()) + " >>\nstream\n" + pad + "\nendstream");
  }
  std::string file = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(file.size());
    file += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = file.size();
  file += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    file += line;
  }
  file += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
          std::to_string(xref) + "\n%%EOF\n";
  return {file.begin(), file.end()};
}

Attachment sample_certificate_attachment(std::int64_t sealed_at) {
  CertificateDocument doc;
  doc.certificate = {"DEMO-2020-0001",
                     "DEMO-M-0001",
                     "演示持证人",
                     "女",
                     "居民身份证",
                     mask_id_number("110101199001011234"),
                     "拍卖师",
                     "",
                     "",
                     "2020-04-01",
                     "2020-05-01",
                     "中国拍卖行业协会"};
  const std::int64_t day = rules::beijing_day(sealed_at);
  if (rules::annotation_need(doc.certificate, sealed_at) != rules::AnnotationNeed::kExempt) {
    doc.annotation = Annotation{"本人调用", rules::date_of(day), rules::date_of(day + rules::kMaxAnnotationDays - 1),
                                rules::date_of(day)};
  }
  return {std::string(kCertificateAttachment), "application/json", to_json(doc)};
}

std::vector<std::uint8_t> make_signed_sample(const std::string& text, const Signer& signer, std::size_t pad_bytes) {
  SignOptions o;
  o.attachment = sample_certificate_attachment(signer.signing_time);
  return sign_pdf(make_unsigned_sample(text, pad_bytes), signer, o);
}

}  // namespace sealcheck::issuer
