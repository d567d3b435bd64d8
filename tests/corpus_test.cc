// The corpus test: imports and checks every real published document in tests/corpus/ the way
// `jixiao check <document>` does (import, rulebook chosen by the layout or else national,
// score, check), and compares what comes out with what a reviewer expects of the document,
// written beside it in <name>.expect.toml (format: tests/corpus/README.md).
//
// Per document it measures: refused or not; figures recognised (expected JSON pointers that
// hold their expected value); report sections recognised; expected findings raised (recall);
// errors and inconsistencies raised that no expected finding explains (false alarms). Each
// expect file records today's results as a floor; the test fails when a document does worse
// than its floor and also when it does better, so that an improvement is recorded (the floor
// is raised) rather than lost. JIXIAO_UPDATE_QUALITY=1 rewrites every floor and
// docs/quality.md from the run.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/toml_reader.h"
#include "check/checker.h"
#include "compute/scoring.h"
#include "import/importer.h"
#include "model/package_json.h"
#include "render/form.h"
#include "rules/rulebook.h"
#include "tests/test_support.h"

namespace jixiao {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSourcePrefix = "# 来源:";

std::string CorpusDir() { return testing::SourceDir() + "/tests/corpus"; }

// The province a document counts for: "湖南（按表式推断）" counts for 湖南; "不详" for none.
std::string ProvinceKey(const std::string& province) {
  std::string key = province.substr(0, province.find("（"));
  return key == "不详" ? "" : key;
}

bool UpdateRequested() {
  const char* v = std::getenv("JIXIAO_UPDATE_QUALITY");
  return v != nullptr && std::string(v) == "1";
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteAll(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// ---- what the reviewer expects (<name>.expect.toml) ----

struct ExpectedFinding {
  std::string code;
  std::string pointer;  // a prefix: any diagnostic at or under it counts
  std::string reason;
};

struct Floor {
  bool refused = true;
  int figures = 0;
  int sections = 0;
  int findings = 0;
  int false_alarms_max = 0;
};

struct Expectation {
  std::string source;
  std::string province;
  int year = 0;
  std::string kind;  // "department" | "project"
  std::string layout;
  std::vector<std::pair<std::string, std::string>> figures;   // pointer → value as printed
  std::vector<std::pair<std::string, std::string>> sections;  // number, title
  std::vector<ExpectedFinding> findings;
  // Places the text cannot settle (a cell OCR may have lost, a target it may have misread): a
  // diagnostic there is neither a finding nor a false alarm; the report lists it as set aside.
  std::vector<ExpectedFinding> unsure;
  std::optional<Floor> floor;
};

// Parses an expect file; the error names the file and what is wrong.
Result<Expectation> ParseExpectation(const std::string& text, const std::string& name) {
  Result<toml::table> parsed = ParseTomlText(text, name);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  Expectation e;
  const toml::table* doc = root["document"].as_table();
  if (doc == nullptr) return Status::InvalidArgument(name + ": no [document] table");
  e.source = (*doc)["source"].value_or(std::string());
  e.province = (*doc)["province"].value_or(std::string());
  e.year = static_cast<int>((*doc)["year"].value_or(int64_t{0}));
  e.kind = (*doc)["kind"].value_or(std::string());
  e.layout = (*doc)["layout"].value_or(std::string());
  if (e.kind != "department" && e.kind != "project") {
    return Status::InvalidArgument(name + ": document.kind must be \"department\" or \"project\"");
  }
  if (const toml::table* figures = root["figures"].as_table()) {
    for (const auto& [key, value] : *figures) {
      if (!value.is_string()) {
        return Status::InvalidArgument(name + ": figures.\"" + std::string(key.str()) +
                                       "\" must be a string (the value as printed)");
      }
      e.figures.emplace_back(std::string(key.str()), *value.value<std::string>());
    }
  }
  if (const toml::array* sections = root["sections"].as_array()) {
    for (const toml::node& n : *sections) {
      const toml::table* t = n.as_table();
      if (t == nullptr) return Status::InvalidArgument(name + ": sections must be tables");
      e.sections.emplace_back((*t)["number"].value_or(std::string()),
                              (*t)["title"].value_or(std::string()));
    }
  }
  if (const toml::array* findings = root["findings"].as_array()) {
    for (const toml::node& n : *findings) {
      const toml::table* t = n.as_table();
      if (t == nullptr) return Status::InvalidArgument(name + ": findings must be tables");
      ExpectedFinding f{(*t)["code"].value_or(std::string()),
                        (*t)["pointer"].value_or(std::string()),
                        (*t)["reason"].value_or(std::string())};
      if (f.code.empty() || f.reason.empty()) {
        return Status::InvalidArgument(name + ": every finding needs a code and a reason");
      }
      e.findings.push_back(std::move(f));
    }
  }
  if (const toml::array* unsure = root["unsure"].as_array()) {
    for (const toml::node& n : *unsure) {
      const toml::table* t = n.as_table();
      if (t == nullptr) return Status::InvalidArgument(name + ": unsure must be tables");
      ExpectedFinding f{(*t)["code"].value_or(std::string()),
                        (*t)["pointer"].value_or(std::string()),
                        (*t)["reason"].value_or(std::string())};
      if (f.code.empty() || f.pointer.empty() || f.reason.empty()) {
        return Status::InvalidArgument(name + ": every unsure place needs a code, a pointer and "
                                              "a reason");
      }
      e.unsure.push_back(std::move(f));
    }
  }
  if (const toml::table* floor = root["floor"].as_table()) {
    Floor f;
    f.refused = (*floor)["refused"].value_or(true);
    f.figures = static_cast<int>((*floor)["figures"].value_or(int64_t{0}));
    f.sections = static_cast<int>((*floor)["sections"].value_or(int64_t{0}));
    f.findings = static_cast<int>((*floor)["findings"].value_or(int64_t{0}));
    f.false_alarms_max = static_cast<int>((*floor)["false_alarms_max"].value_or(int64_t{0}));
    e.floor = f;
  }
  return e;
}

// ---- finding values in the package ----

std::string Unescape(std::string token) {
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

// The element of an array (or of the "children" arrays below its elements, depth first) whose
// "key", "name" or "label" is `name`.
const nlohmann::json* FindNamed(const nlohmann::json& array, const std::string& name) {
  for (const nlohmann::json& element : array) {
    if (!element.is_object()) continue;
    for (const char* field : {"key", "name", "label"}) {
      auto it = element.find(field);
      if (it != element.end() && it->is_string() && it->get<std::string>() == name) {
        return &element;
      }
    }
    auto children = element.find("children");
    if (children != element.end() && children->is_array()) {
      if (const nlohmann::json* found = FindNamed(*children, name)) return found;
    }
  }
  return nullptr;
}

// Resolves a JSON pointer, with one extension for rows and indicators whose position varies by
// layout: a token "@x" in an array selects the element named x (see FindNamed).
const nlohmann::json* Resolve(const nlohmann::json& root, const std::string& pointer) {
  const nlohmann::json* node = &root;
  if (pointer.empty()) return node;
  if (pointer[0] != '/') return nullptr;
  size_t start = 1;
  while (true) {
    const size_t slash = pointer.find('/', start);
    const std::string token = Unescape(
        pointer.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (node->is_object()) {
      auto it = node->find(token);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (node->is_array()) {
      if (!token.empty() && token[0] == '@') {
        node = FindNamed(*node, token.substr(1));
        if (node == nullptr) return nullptr;
      } else {
        if (token.empty() || !std::all_of(token.begin(), token.end(), ::isdigit)) return nullptr;
        const size_t index = std::stoul(token);
        if (index >= node->size()) return nullptr;
        node = &(*node)[index];
      }
    } else {
      return nullptr;
    }
    if (slash == std::string::npos) return node;
    start = slash + 1;
  }
}

std::string AsText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  return value.dump();
}

bool HasSection(const nlohmann::json& sections, const std::string& number,
                const std::string& title) {
  if (!sections.is_array()) return false;
  for (const nlohmann::json& s : sections) {
    if (s.value("number", "") == number && s.value("title", "") == title) return true;
    if (HasSection(s.value("subsections", nlohmann::json::array()), number, title)) return true;
  }
  return false;
}

// ---- one document through jixiao ----

struct Outcome {
  bool refused = false;
  std::string refusal;  // the message when refused
  int figures = 0;
  int sections = 0;
  int findings = 0;
  std::vector<std::string> missed_figures;   // pointers not recognised
  std::vector<std::string> missed_findings;  // "S301 /evaluation/funds"
  std::vector<std::string> false_alarms;     // "C501 /evaluation/funds/score"
  std::vector<std::string> set_aside;        // errors at places the expect file calls unsure
  std::string rulebook;
};

bool Matches(const Diagnostic& d, const ExpectedFinding& f) {
  return d.code == f.code && d.location.pointer.rfind(f.pointer, 0) == 0;
}

Outcome ImportAndCheck(const fs::path& document, const Expectation& expect) {
  Outcome out;
  std::string bytes = ReadAll(document);
  // The text keeps its source address on a first line of its own; it is not part of the page.
  if (bytes.rfind(kSourcePrefix, 0) == 0) {
    const size_t eol = bytes.find('\n');
    bytes = eol == std::string::npos ? std::string() : bytes.substr(eol + 1);
  }
  // As the CLI does: read in the layout of the bundled form that fits it best.
  ImportOptions options;
  Result<std::vector<ReadingSpec>> layouts = BundledReadingSpecs();
  EXPECT_TRUE(layouts.ok()) << layouts.status().message();
  if (layouts.ok()) options.layouts = std::move(layouts).value();
  Result<LoadedPackage> loaded = LoadPackageBytes(bytes, document.filename().string(), options);
  if (!loaded.ok()) {
    out.refused = true;
    out.refusal = loaded.status().message();
    for (const auto& [pointer, value] : expect.figures) out.missed_figures.push_back(pointer);
    for (const ExpectedFinding& f : expect.findings) {
      out.missed_findings.push_back(f.code + " " + f.pointer);
    }
    return out;
  }
  const Package& package = loaded->package;
  // As the CLI does: the rulebook the import chose by the layout, else the default.
  const std::string id = package.rulebook.empty() ? "national" : package.rulebook;
  Result<Rulebook> rulebook = ResolveRulebook(id);
  if (!rulebook.ok()) rulebook = ResolveRulebook("national");
  out.rulebook = rulebook->id;
  std::vector<Diagnostic> found = loaded->import.notes;
  std::vector<Diagnostic> checked =
      CheckPackage(package, *rulebook, ScorePackage(package, *rulebook));
  found.insert(found.end(), checked.begin(), checked.end());

  const nlohmann::json json = nlohmann::json::parse(WritePackageJson(package));
  for (const auto& [pointer, value] : expect.figures) {
    const nlohmann::json* at = Resolve(json, pointer);
    if (at != nullptr && AsText(*at) == value) {
      ++out.figures;
    } else {
      out.missed_figures.push_back(pointer + " = " + (at ? "\"" + AsText(*at) + "\"" : "∅"));
    }
  }
  const nlohmann::json sections = json["report"].value("sections", nlohmann::json::array());
  for (const auto& [number, title] : expect.sections) {
    if (HasSection(sections, number, title)) ++out.sections;
  }
  for (const ExpectedFinding& f : expect.findings) {
    const bool hit =
        std::any_of(found.begin(), found.end(), [&](const Diagnostic& d) { return Matches(d, f); });
    if (hit) {
      ++out.findings;
    } else {
      out.missed_findings.push_back(f.code + " " + f.pointer);
    }
  }
  for (const Diagnostic& d : found) {
    if (d.severity != Severity::kError && d.severity != Severity::kInconsistency) continue;
    const bool expected = std::any_of(expect.findings.begin(), expect.findings.end(),
                                      [&](const ExpectedFinding& f) { return Matches(d, f); });
    if (expected) continue;
    const bool unsure = std::any_of(expect.unsure.begin(), expect.unsure.end(),
                                    [&](const ExpectedFinding& f) { return Matches(d, f); });
    (unsure ? out.set_aside : out.false_alarms).push_back(d.code + " " + d.location.pointer);
  }
  return out;
}

// ---- the corpus ----

struct Document {
  fs::path path;     // the document
  fs::path expect;   // <name>.expect.toml
  std::string name;  // file name without extension
  std::string text;  // the expect file's text
  Expectation expectation;
};

// Documents are the .txt, .docx and .xlsx files of tests/corpus (README.md and the expect
// files are not documents).
std::vector<fs::path> DocumentPaths() {
  std::vector<fs::path> paths;
  for (const fs::directory_entry& e : fs::directory_iterator(CorpusDir())) {
    const std::string ext = e.path().extension().string();
    if (ext == ".txt" || ext == ".docx" || ext == ".xlsx") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string Percent(int part, int whole) {
  if (whole == 0) return "—";
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(0);
  s << (100.0 * part / whole) << "%";  // a report figure, not a money or score figure
  return s.str();
}

std::string FloorText(const Outcome& o) {
  std::ostringstream s;
  s << "[floor]  # today's results, rewritten by JIXIAO_UPDATE_QUALITY=1 (tests/corpus/README.md)\n"
    << "refused = " << (o.refused ? "true" : "false") << "\n"
    << "figures = " << o.figures << "\n"
    << "sections = " << o.sections << "\n"
    << "findings = " << o.findings << "\n"
    << "false_alarms_max = " << o.false_alarms.size() << "\n";
  return s.str();
}

// The expect file with its [floor] table (always last) replaced by today's results.
std::string WithFloor(const std::string& text, const Outcome& o) {
  size_t at = text.find("\n[floor]");
  std::string head = at == std::string::npos ? text : text.substr(0, at + 1);
  if (!head.empty() && head.back() != '\n') head += '\n';
  if (at == std::string::npos) head += '\n';
  return head + FloorText(o);
}

std::string Join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

// Counts of each code in "CODE pointer" entries: "C501 ×3, I603".
std::string CodeCounts(const std::vector<std::string>& entries) {
  std::map<std::string, int> counts;
  for (const std::string& e : entries) ++counts[e.substr(0, e.find(' '))];
  std::vector<std::string> parts;
  for (const auto& [code, n] : counts) {
    parts.push_back(n > 1 ? code + " ×" + std::to_string(n) : code);
  }
  return parts.empty() ? "—" : Join(parts, ", ");
}

std::string QualityMarkdown(const std::vector<Document>& docs, const std::vector<Outcome>& out) {
  int refused = 0, figures = 0, figures_expected = 0, sections = 0, sections_expected = 0;
  int findings = 0, findings_expected = 0, false_alarms = 0, set_aside = 0;
  std::set<std::string> provinces;
  std::set<int> years;
  for (size_t i = 0; i < docs.size(); ++i) {
    const Expectation& e = docs[i].expectation;
    refused += out[i].refused;
    figures += out[i].figures;
    figures_expected += static_cast<int>(e.figures.size());
    sections += out[i].sections;
    sections_expected += static_cast<int>(e.sections.size());
    findings += out[i].findings;
    findings_expected += static_cast<int>(e.findings.size());
    false_alarms += static_cast<int>(out[i].false_alarms.size());
    set_aside += static_cast<int>(out[i].set_aside.size());
    if (!ProvinceKey(e.province).empty()) provinces.insert(ProvinceKey(e.province));
    if (e.year != 0) years.insert(e.year);
  }
  std::ostringstream m;
  m << "# Import and check quality on real documents\n\n"
    << "Measured by `tests/corpus_test.cc` on the " << docs.size()
    << " published self-evaluation documents of [`tests/corpus/`](../tests/corpus/README.md) ("
    << provinces.size() << " provinces, " << years.size()
    << " fiscal years). Each document is imported and checked as `jixiao check <document>` "
       "does, and compared with the reviewer's expectations written beside it "
       "(`<name>.expect.toml`). This file is written by the test; do not edit it by hand.\n\n"
    << "- **figures**: expected figures found in the package with their printed value;\n"
    << "- **sections**: expected report sections found by number and title;\n"
    << "- **recall**: expected findings raised (same code, at or under the expected place) ÷ "
       "expected findings;\n"
    << "- **false alarms**: errors and inconsistencies raised that no expected finding "
       "explains (warnings and notes are not counted); those raised where the expect file "
       "says the text cannot settle the matter (`[[unsure]]`: a cell OCR may have lost, a "
       "target it may have misread) are set aside and listed below, neither found nor false.\n\n"
    << "## Targets (issue 11)\n\n"
    << "| target | today | |\n|---|---|---|\n"
    << "| no document refused | " << refused << " of " << docs.size() << " refused | "
    << (refused == 0 ? "met" : "**not met**") << " |\n"
    << "| recall ≥ 90 % | " << findings << " / " << findings_expected << " = "
    << Percent(findings, findings_expected) << " | "
    << (findings_expected > 0 && findings * 10 >= findings_expected * 9 ? "met" : "**not met**")
    << " |\n"
    << "| zero false errors or inconsistencies | " << false_alarms << " | "
    << (false_alarms == 0 ? "met" : "**not met**") << " |\n\n"
    << "Figures recognised: " << figures << " / " << figures_expected << " ("
    << Percent(figures, figures_expected) << "); report sections recognised: " << sections << " / "
    << sections_expected << " (" << Percent(sections, sections_expected)
    << "); errors and inconsistencies set aside as unsure: " << set_aside << ".\n\n"
    << "## Per document\n\n"
    << "| document | province | year | kind | refused | figures | sections | recall | "
       "false alarms |\n"
    << "|---|---|---|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < docs.size(); ++i) {
    const Expectation& e = docs[i].expectation;
    const Outcome& o = out[i];
    m << "| [" << docs[i].name << "](" << e.source << ") | " << e.province << " | "
      << (e.year ? std::to_string(e.year) : "—") << " | " << e.kind << " | "
      << (o.refused ? "**yes**" : "no") << " | " << o.figures << " / " << e.figures.size() << " | "
      << o.sections << " / " << e.sections.size() << " | " << o.findings << " / "
      << e.findings.size() << " | " << o.false_alarms.size()
      << (o.false_alarms.empty() ? "" : " (" + CodeCounts(o.false_alarms) + ")") << " |\n";
  }
  m << "\n## What is missed, per document\n\n";
  for (size_t i = 0; i < docs.size(); ++i) {
    const Outcome& o = out[i];
    if (!o.refused && o.missed_findings.empty() && o.missed_figures.empty() &&
        o.set_aside.empty()) {
      continue;
    }
    m << "- **" << docs[i].name << "**";
    if (o.refused) m << " — refused: " << o.refusal;
    m << "\n";
    if (!o.missed_findings.empty()) {
      m << "  - findings not raised: " << Join(o.missed_findings, "; ") << "\n";
    }
    if (!o.set_aside.empty()) {
      m << "  - set aside as unsure (see the expect file): " << CodeCounts(o.set_aside) << "\n";
    }
    if (!o.refused && !o.missed_figures.empty()) {
      m << "  - figures not recognised (pointer = value found): " << Join(o.missed_figures, "; ")
        << "\n";
    }
  }
  m << "\n## How to reproduce\n\n"
    << "```sh\n"
    << "cmake --build build -j2 --target jixiao_tests\n"
    << "build/jixiao_tests --gtest_filter='Corpus*'          # prints the per-document table\n"
    << "JIXIAO_UPDATE_QUALITY=1 build/jixiao_tests --gtest_filter='Corpus*'   # re-records the "
       "floors and this file\n"
    << "```\n";
  return m.str();
}

std::vector<Document> LoadCorpus() {
  std::vector<Document> docs;
  for (const fs::path& path : DocumentPaths()) {
    Document d;
    d.path = path;
    d.name = path.stem().string();
    d.expect = path.parent_path() / (d.name + ".expect.toml");
    d.text = fs::exists(d.expect) ? ReadAll(d.expect) : "";
    Result<Expectation> e = ParseExpectation(d.text, d.expect.filename().string());
    if (!e.ok()) {
      ADD_FAILURE() << e.status().message();
      continue;
    }
    d.expectation = std::move(e).value();
    docs.push_back(std::move(d));
  }
  return docs;
}

// The measuring code itself: the "@" pointer extension, the floor rewrite and the matching of
// findings, on small inputs with exact results.
TEST(CorpusHarness, ResolvesPointersWithNamedElements) {
  const nlohmann::json p = nlohmann::json::parse(R"({
    "fiscal_year": 2021,
    "basic_data": {"expenses": [
      {"key": "three_public", "label": "三公经费", "values": {"final": "0"}},
      {"key": "basic", "label": "一、部门基本支出", "children": [
        {"key": "public_funds", "label": "其中：公用经费", "values": {"final": "193.42"}}]}]},
    "evaluation": {"indicators": [{"name": "产出指标", "children": [
      {"name": "项目总成本", "target": "≤90万元"}]}]}})");
  ASSERT_NE(Resolve(p, "/fiscal_year"), nullptr);
  EXPECT_EQ(AsText(*Resolve(p, "/fiscal_year")), "2021");
  EXPECT_EQ(AsText(*Resolve(p, "/basic_data/expenses/1/children/0/values/final")), "193.42");
  EXPECT_EQ(AsText(*Resolve(p, "/basic_data/expenses/@public_funds/values/final")), "193.42");
  EXPECT_EQ(AsText(*Resolve(p, "/basic_data/expenses/@三公经费/values/final")), "0");
  EXPECT_EQ(AsText(*Resolve(p, "/evaluation/indicators/@项目总成本/target")), "≤90万元");
  EXPECT_EQ(Resolve(p, "/basic_data/expenses/@vehicles/values/final"), nullptr);
  EXPECT_EQ(Resolve(p, "/basic_data/expenses/7"), nullptr);
  EXPECT_EQ(Resolve(p, "fiscal_year"), nullptr);
}

TEST(CorpusHarness, RewritesOnlyTheFloor) {
  const std::string text =
      "[document]\nkind = \"project\"\n\n[[findings]]\ncode = \"A104\"\n\n[floor]\nrefused = true\n"
      "figures = 0\n";
  Outcome o;
  o.refused = false;
  o.figures = 7;
  o.findings = 1;
  o.false_alarms = {"C501 /evaluation/total_score", "W402 /evaluation/total_weight"};
  const std::string rewritten = WithFloor(text, o);
  EXPECT_EQ(rewritten.substr(0, rewritten.find("[floor]")),
            "[document]\nkind = \"project\"\n\n[[findings]]\ncode = \"A104\"\n\n");
  EXPECT_NE(rewritten.find("refused = false\nfigures = 7\nsections = 0\nfindings = 1\n"
                           "false_alarms_max = 2\n"),
            std::string::npos);
  EXPECT_EQ(WithFloor(rewritten, o), rewritten);  // recording twice changes nothing
}

// An unsure place needs a code, a pointer and a reason: an empty pointer would set aside every
// diagnostic of its code.
TEST(CorpusHarness, UnsurePlacesAreReadAndMustBeNamed) {
  const std::string head = "[document]\nkind = \"department\"\n\n[[unsure]]\ncode = \"C501\"\n";
  Result<Expectation> e =
      ParseExpectation(head + "pointer = \"/evaluation/funds/\"\nreason = \"OCR\"\n", "u.toml");
  ASSERT_TRUE(e.ok()) << e.status().message();
  ASSERT_EQ(e->unsure.size(), 1u);
  EXPECT_EQ(e->unsure[0].pointer, "/evaluation/funds/");
  Result<Expectation> bad = ParseExpectation(head + "reason = \"OCR\"\n", "u.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "u.toml: every unsure place needs a code, a pointer and a reason");
}

TEST(CorpusHarness, MatchesFindingsByCodeAndPlace) {
  Diagnostic d;
  d.code = "A104";
  d.location.pointer = "/evaluation/funds/basic";
  EXPECT_TRUE(Matches(d, {"A104", "/evaluation/funds", "x"}));
  EXPECT_TRUE(Matches(d, {"A104", "", "x"}));
  EXPECT_FALSE(Matches(d, {"A101", "/evaluation/funds", "x"}));
  EXPECT_FALSE(Matches(d, {"A104", "/basic_data", "x"}));
}

TEST(Corpus, IsLargeAndVariedEnough) {
  std::vector<Document> docs = LoadCorpus();
  std::set<std::string> provinces;
  std::set<int> years;
  int departments = 0, projects = 0;
  for (const Document& d : docs) {
    if (!ProvinceKey(d.expectation.province).empty()) {
      provinces.insert(ProvinceKey(d.expectation.province));
    }
    if (d.expectation.year != 0) years.insert(d.expectation.year);
    (d.expectation.kind == "department" ? departments : projects) += 1;
    // A text document names its source on its first line, as the expect file does.
    if (d.path.extension() == ".txt") {
      const std::string text = ReadAll(d.path);
      EXPECT_EQ(text.rfind(std::string(kSourcePrefix) + " " + d.expectation.source + "\n", 0), 0u)
          << d.name << ": the first line must be \"# 来源: " << d.expectation.source << "\"";
    }
  }
  EXPECT_GE(docs.size(), 20u);
  EXPECT_GE(provinces.size(), 6u);
  EXPECT_GE(years.size(), 5u);
  EXPECT_GT(departments, 0);
  EXPECT_GT(projects, 0);
}

TEST(Corpus, EachDocumentHoldsItsFloor) {
  std::vector<Document> docs = LoadCorpus();
  ASSERT_FALSE(docs.empty());
  std::vector<Outcome> outcomes;
  for (const Document& d : docs) outcomes.push_back(ImportAndCheck(d.path, d.expectation));

  // The per-document table, printed on every run.
  auto pad = [](std::string s, size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s + " ";
  };
  std::cout << "\n"
            << pad("document", 44) << pad("refused", 7) << pad("figures", 7) << pad("sections", 8)
            << pad("recall", 6) << "false alarms\n";
  for (size_t i = 0; i < docs.size(); ++i) {
    const Expectation& e = docs[i].expectation;
    const Outcome& o = outcomes[i];
    auto ratio = [](int a, size_t b) { return std::to_string(a) + "/" + std::to_string(b); };
    std::cout << pad(docs[i].name, 44) << pad(o.refused ? "yes" : "no", 7)
              << pad(ratio(o.figures, e.figures.size()), 7)
              << pad(ratio(o.sections, e.sections.size()), 8)
              << pad(ratio(o.findings, e.findings.size()), 6) << o.false_alarms.size()
              << (o.false_alarms.empty() ? "" : " (" + CodeCounts(o.false_alarms) + ")") << "\n";
  }

  if (UpdateRequested()) {
    for (size_t i = 0; i < docs.size(); ++i) {
      WriteAll(docs[i].expect, WithFloor(docs[i].text, outcomes[i]));
      // Re-recording never lets a new false alarm through unseen: the files say what is, and
      // the run fails until it is fixed (or, if it is a real problem after all, written into
      // the expect file's findings).
      const std::optional<Floor>& before = docs[i].expectation.floor;
      const int alarms = static_cast<int>(outcomes[i].false_alarms.size());
      if (before && alarms > before->false_alarms_max) {
        ADD_FAILURE() << docs[i].name << ": false alarms rose from " << before->false_alarms_max
                      << " to " << alarms << " (" << Join(outcomes[i].false_alarms, "; ")
                      << "); re-recording does not accept them";
      }
    }
    WriteAll(testing::SourceDir() + "/docs/quality.md", QualityMarkdown(docs, outcomes));
    std::cout << "floors and docs/quality.md rewritten\n";
    return;
  }

  for (size_t i = 0; i < docs.size(); ++i) {
    const Document& d = docs[i];
    const Outcome& o = outcomes[i];
    ASSERT_TRUE(d.expectation.floor.has_value())
        << d.name << ": no [floor]; record it with JIXIAO_UPDATE_QUALITY=1";
    const Floor& f = *d.expectation.floor;
    const int alarms = static_cast<int>(o.false_alarms.size());
    std::vector<std::string> worse, better;
    if (o.refused && !f.refused) worse.push_back("refused: " + o.refusal);
    if (!o.refused && f.refused) better.push_back("no longer refused");
    auto compare = [&](const char* what, int now, int floor) {
      if (now < floor)
        worse.push_back(std::string(what) + " " + std::to_string(now) + " < " +
                        std::to_string(floor));
      if (now > floor)
        better.push_back(std::string(what) + " " + std::to_string(now) + " > " +
                         std::to_string(floor));
    };
    compare("figures", o.figures, f.figures);
    compare("sections", o.sections, f.sections);
    compare("findings", o.findings, f.findings);
    if (alarms > f.false_alarms_max) {
      worse.push_back("false alarms " + std::to_string(alarms) + " > " +
                      std::to_string(f.false_alarms_max) + " (" + Join(o.false_alarms, "; ") + ")");
    }
    if (alarms < f.false_alarms_max) {
      better.push_back("false alarms " + std::to_string(alarms) + " < " +
                       std::to_string(f.false_alarms_max));
    }
    EXPECT_TRUE(worse.empty()) << d.name << " does worse than its floor: " << Join(worse, "; ")
                               << "\n  missed figures: " << Join(o.missed_figures, "; ")
                               << "\n  missed findings: " << Join(o.missed_findings, "; ");
    EXPECT_TRUE(better.empty()) << d.name << " does better than its floor (" << Join(better, "; ")
                                << "): record it with JIXIAO_UPDATE_QUALITY=1 "
                                   "build/jixiao_tests --gtest_filter='Corpus*'";
  }
}

}  // namespace
}  // namespace jixiao
