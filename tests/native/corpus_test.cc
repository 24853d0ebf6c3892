// The data-driven corpus: every file in tests/corpus/files against its line
// in tests/corpus/expectations.txt, at a pinned validation time. A new case
// is a new file and a new line, not new code.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "pdf/document.h"
#include "sealcheck/builtin_tables.h"
#include "sealcheck/certs.h"
#include "sealcheck/json.h"
#include "sealcheck/time.h"
#include "sealcheck/verify.h"

namespace sealcheck {
namespace {

namespace fs = std::filesystem;
const fs::path kCorpus = SEALCHECK_CORPUS_DIR;

struct Expectation {
  std::string file;
  std::string verdict;
  std::map<std::string, std::string> not_passing;  // check id -> code
};

// Keeps gtest from dumping the struct's bytes in test names.
void PrintTo(const Expectation& e, std::ostream* os) { *os << e.file; }

std::vector<Expectation> load_expectations() {
  std::vector<Expectation> out;
  std::ifstream in(kCorpus / "expectations.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    Expectation e;
    ss >> e.file >> e.verdict;
    std::string kv;
    while (ss >> kv) {
      const auto eq = kv.find('=');
      e.not_passing[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    out.push_back(e);
  }
  return out;
}

Bytes read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class Corpus : public ::testing::TestWithParam<Expectation> {};

// The options every corpus file is checked with (expectations.txt's header).
VerifyOptions corpus_options() {
  VerifyOptions o;
  o.trust_anchors = parse_certificates(read(kCorpus / "trust" / "root.pem"));
  o.validation_time = *parse_iso8601("2025-06-02");
  o.gbk_table = builtin_gbk_table();  // as the CLI has it
  RevocationInput lists{read(kCorpus / "lists" / "revocations" / "manifest.json"),
                        read(kCorpus / "lists" / "revocations" / "manifest.sig"),
                        {},
                        0};
  const auto manifest = parse_revocation_manifest(lists.manifest);
  if (manifest) {
    for (std::size_t i = 0; i < kShardCount; ++i) {
      lists.shards[i] = read(kCorpus / "lists" / "revocations" / manifest->shard_files[i]);
    }
  }
  o.revocation = std::move(lists);
  o.trust_list =
      TrustListInput{read(kCorpus / "lists" / "trust-list.json"), read(kCorpus / "lists" / "trust-list.sig")};
  return o;
}

TEST_P(Corpus, GetsItsExpectedOutcome) {
  const Expectation& e = GetParam();
  const VerifyOptions o = corpus_options();
  ASSERT_EQ(o.trust_anchors.size(), 1u);
  ASSERT_TRUE(parse_revocation_manifest(o.revocation->manifest).has_value());
  const Report r = verify_file(read(kCorpus / "files" / e.file), o);
  EXPECT_EQ(to_string(r.verdict()), e.verdict) << to_json(r, e.file);
  std::map<std::string, std::string> actual;
  for (const Check& c : r.checks) {
    if (c.status == Status::kFail || c.status == Status::kWarn)
      actual[std::string(to_string(c.id))] = std::string(message_for(c.code).id);
  }
  EXPECT_EQ(actual, e.not_passing) << to_json(r, e.file);
}

// Files sealed twice: what the report says of the earlier seal, written
// by hand from how each file was made (make_corpus.cc, generate.sh).
TEST(CorpusEarlierSeals, EachIsReportedAsMade) {
  struct Want {
    const char* file;
    const char* last_field;
    const char* signed_at;  // the earlier seal's
    bool verifies, trusted;
    const char* code;  // "" for none
  };
  const Want wants[] = {
      {"genuine-sealed-twice.pdf", "Seal2", "2025-06-01T10:00:00+08:00", true, true, ""},
      {"external-poppler-genuine-sealed-twice.pdf", "Seal2", "2025-06-01T10:00:00+08:00", true, true, ""},
      {"genuine-sealed-twice-earlier-untrusted.pdf", "Seal2", "2025-06-01T10:00:00+08:00", true, false,
       "chain-untrusted"},
      {"genuine-sealed-twice-earlier-dated-later.pdf", "Seal2", "2025-06-01T11:00:00+08:00", true, true,
       "earlier-seal-dated-after-last"},
      // The digest fails before the signature is checked: no time is read.
      {"genuine-sealed-twice-earlier-broken.pdf", "Seal2", "", false, false, "digest-mismatch"},
      {"sealed-twice-last-untrusted.pdf", "Seal2", "2025-06-01T10:00:00+08:00", true, true, ""},
  };
  const VerifyOptions o = corpus_options();
  for (const Want& w : wants) {
    const Report r = verify_pdf(read(kCorpus / "files" / w.file), o);
    ASSERT_EQ(r.earlier_seals.size(), 1u) << w.file;
    const EarlierSeal& e = r.earlier_seals[0];
    EXPECT_EQ(e.index, 1u) << w.file;
    EXPECT_EQ(e.field, "Seal1") << w.file;
    // The base file is revision 1, the first seal's update revision 2.
    EXPECT_EQ(e.revision, 2u) << w.file;
    EXPECT_EQ(e.seal.coverage, "whole-revision") << w.file;
    EXPECT_EQ(e.seal.signed_at, w.signed_at) << w.file;
    EXPECT_EQ(e.verifies, w.verifies) << w.file;
    EXPECT_EQ(e.trusted, w.trusted) << w.file;
    EXPECT_EQ(e.code == Code::kOk ? std::string() : std::string(message_for(e.code).id), w.code) << w.file;
    const auto signature =
        std::find_if(r.checks.begin(), r.checks.end(), [](const Check& c) { return c.id == CheckId::kSignature; });
    ASSERT_NE(signature, r.checks.end());
    EXPECT_NE(signature->detail.find(std::string("field ") + w.last_field), std::string::npos) << signature->detail;
    // The JSON carries it too.
    const std::string json = to_json(r, w.file);
    EXPECT_NE(json.find("\"earlier_seals\":[{\"index\":1,\"field\":\"Seal1\",\"revision\":2,"), std::string::npos)
        << json;
  }
}

// What follows the seal: validation data is allowed, each thing hidden in
// such an update is named (written by hand from how make_corpus made it).
TEST(CorpusValidationData, EachUpdateAfterTheSealIsJudgedForWhatItChanges) {
  const std::pair<const char*, const char*> wants[] = {
      {"genuine-ltv-dss.pdf", "1 revision(s) of validation data"},
      {"genuine-ltv-document-timestamp.pdf", "2 revision(s) of validation data, 1 document timestamp(s)"},
      {"genuine-ltv-dss-after-document-timestamp.pdf", "3 revision(s) of validation data, 1 document timestamp(s)"},
      {"ltv-dss-also-changes-page-content.pdf", "object 4 redefined"},
      {"ltv-dss-catalog-gains-open-action.pdf", "the catalog changed beyond /DSS and /AcroForm"},
      {"ltv-dss-adds-form-field.pdf", "object 43 added is not a document timestamp's field"},
      {"ltv-dss-fills-dangling-reference.pdf", "object 50 is referred to by the sealed revision"},
      {"ltv-document-timestamp-widget-visible.pdf", "the document timestamp's widget 44 has an area"},
      {"ltv-dss-with-loose-page-object.pdf", "object 60 added is no validation data"},
      {"ltv-update-without-validation-data.pdf", "an update after the seal carries no validation data"},
      {"shadow-hide-reveal.pdf", "page object 3 changed"},
      {"shadow-free-flip.pdf", "object 5 freed"},
      {"incremental-update-content-added.pdf", "object 4 redefined"},
  };
  const VerifyOptions o = corpus_options();
  for (const auto& [file, detail] : wants) {
    const Report r = verify_pdf(read(kCorpus / "files" / file), o);
    const auto coverage =
        std::find_if(r.checks.begin(), r.checks.end(), [](const Check& c) { return c.id == CheckId::kCoverage; });
    ASSERT_NE(coverage, r.checks.end()) << file;
    EXPECT_NE(coverage->detail.find(detail), std::string::npos) << file << ": " << coverage->detail;
    const bool genuine = std::string(file).rfind("genuine-", 0) == 0;
    EXPECT_EQ(coverage->status, genuine ? Status::kPass : Status::kFail) << file;
    EXPECT_EQ(coverage->code, genuine ? Code::kValidationDataOnly : Code::kTailUncovered) << file;
    if (genuine) {
      EXPECT_EQ(r.seal->coverage, "validation-data-after") << file;
    }
  }
}

// The peers' own signed test files (tests/peers/*/README.md: pyHanko's,
// pdf.js's and ofdrw's), their self-signed certificates pinned, no lists: every outcome
// as written by hand in the set's expectations.txt, for the checks a
// foreign file can reach.
TEST(PeerCorpus, ThePeersSignedFilesGetTheirExplainedOutcomes) {
  for (const auto& [set, count] : {std::pair<const char*, std::size_t>{"pyhanko", 20}, {"pdfjs", 6}, {"ofdrw", 24}}) {
    const fs::path dir = kCorpus / ".." / "peers" / set;
    std::ifstream in(dir / "expectations.txt");
    std::string line;
    std::size_t checked = 0;
    VerifyOptions o;
    o.trust_anchors = parse_certificates(read(dir / "roots.pem"));
    ASSERT_GE(o.trust_anchors.size(), 1u) << set;
    while (std::getline(in, line)) {
      if (line.rfind("@at ", 0) == 0) o.validation_time = *parse_iso8601(line.substr(4));
      if (line.empty() || line[0] == '#' || line[0] == '@') continue;
      ASSERT_NE(o.validation_time, 0) << set << ": no @at line before the first file";
      std::istringstream fields(line);
      std::string file, verdict, kv;
      fields >> file >> verdict;
      std::map<std::string, std::string> want;
      while (fields >> kv) want[kv.substr(0, kv.find('='))] = kv.substr(kv.find('=') + 1);
      const Report r = verify_file(read(dir / "files" / file), o);
      EXPECT_EQ(to_string(r.verdict()), verdict) << set << "/" << to_json(r, file);
      std::map<std::string, std::string> got;
      for (const Check& c : r.checks) {
        const std::string id(to_string(c.id));
        if (id == "certificate" || id == "annotation" || id == "seal_policy" || id == "revocation") continue;
        if (c.status == Status::kFail || c.status == Status::kWarn) got[id] = std::string(message_for(c.code).id);
      }
      EXPECT_EQ(got, want) << set << "/" << to_json(r, file);
      ++checked;
    }
    EXPECT_EQ(checked, count) << set;
  }
}

// The certificates other tools typeset (typeset/make.sh): each corpus file
// made from one yields exactly the fields written by hand in
// typeset/NAME.expected.json.
TEST(CorpusTypeset, EveryTypesetFileYieldsItsHandWrittenFields) {
  std::size_t checked = 0;
  for (const auto& e : load_expectations()) {
    if (e.file.find("typeset-") == std::string::npos || e.verdict == "invalid") continue;
    std::string stem = e.file.substr(e.file.find("typeset-") + 8);
    stem.resize(stem.size() - 4);
    const Bytes want_bytes = read(kCorpus / "typeset" / (stem + ".expected.json"));
    const auto want = json::parse({reinterpret_cast<const char*>(want_bytes.data()), want_bytes.size()});
    ASSERT_TRUE(want && want->as_object()) << stem;
    VerifyOptions o;
    o.trust_anchors = parse_certificates(read(kCorpus / "trust" / "root.pem"));
    o.validation_time = *parse_iso8601("2025-06-02");
    o.gbk_table = builtin_gbk_table();
    const std::string got_text = to_json(verify_pdf(read(kCorpus / "files" / e.file), o), e.file);
    const auto got = json::parse(got_text);
    ASSERT_TRUE(got && got->as_object());
    const json::Object& w = *want->as_object();
    const json::Object& g = *got->as_object();
    const json::Object* wc = w.at("certificate").as_object();
    const auto gc = g.find("certificate");
    ASSERT_TRUE(wc && gc != g.end() && gc->second.as_object()) << got_text;
    for (const auto& [key, value] : *wc) {
      const std::string* have = json::get_string(*gc->second.as_object(), key);
      ASSERT_NE(have, nullptr) << e.file << " " << key;
      EXPECT_EQ(*have, *value.as_string()) << e.file << " " << key;
    }
    const auto ga = g.find("annotation");
    if (const json::Object* wa = w.at("annotation").as_object()) {
      ASSERT_NE(ga, g.end()) << e.file;
      for (const auto& [key, value] : *wa) {
        const std::string* have = json::get_string(*ga->second.as_object(), key);
        ASSERT_NE(have, nullptr) << e.file << " " << key;
        EXPECT_EQ(*have, *value.as_string()) << e.file << " " << key;
      }
    } else {
      EXPECT_EQ(ga, g.end()) << e.file;
    }
    ++checked;
  }
  EXPECT_GE(checked, 8u);
}

std::string name_of(const ::testing::TestParamInfo<Expectation>& info) {
  std::string n = info.param.file.substr(0, info.param.file.rfind('.'));
  for (char& c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(Files, Corpus, ::testing::ValuesIn(load_expectations()), name_of);

TEST(CorpusIndex, EveryFileHasAnExpectationAndNoAttackIsValid) {
  std::set<std::string> listed;
  for (const auto& e : load_expectations()) {
    listed.insert(e.file);
    // Only genuine seals (and the external signer's) may be valid.
    if (e.verdict == "valid") {
      EXPECT_TRUE(e.file.rfind("genuine-", 0) == 0 || e.file.rfind("external-", 0) == 0) << e.file;
    }
  }
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(kCorpus / "files")) {
    ++files;
    EXPECT_TRUE(listed.count(entry.path().filename().string())) << "no expectation for " << entry.path();
  }
  EXPECT_EQ(files, listed.size());
  EXPECT_GE(files, 30u);
}

// The hybrid-reference file keeps its page tree and font only in an object
// stream that the classic trailer's /XRefStm lists: a reader that ignored
// /XRefStm would see them as missing (or would have to rebuild).
TEST(CorpusStructure, HybridFileResolvesObjectsThroughXRefStm) {
  std::ifstream in(kCorpus / "files" / "genuine-hybrid-xref.pdf", std::ios::binary);
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  pdf::Document doc = pdf::Document::load(bytes);
  ASSERT_TRUE(doc.usable());
  EXPECT_FALSE(doc.repaired());
  EXPECT_EQ(doc.revisions().size(), 2u);
  const pdf::Object pages = doc.get(2);
  ASSERT_NE(pages.as_dict(), nullptr);
  ASSERT_NE(pages.as_dict()->find("Type"), nullptr);
  EXPECT_TRUE(pages.as_dict()->find("Type")->is_name("Pages"));
  const pdf::Object font = doc.get(5);
  ASSERT_NE(font.as_dict(), nullptr);
  ASSERT_NE(font.as_dict()->find("BaseFont"), nullptr);
  EXPECT_TRUE(font.as_dict()->find("BaseFont")->is_name("Helvetica"));
  // Not an object span: it lives inside object stream 6.
  EXPECT_FALSE(doc.object_span(2).has_value());
}

}  // namespace
}  // namespace sealcheck
