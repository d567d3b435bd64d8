// The checker: runs the check families in document order.
#include "check/checker.h"

#include <memory>
#include <string>
#include <string_view>

#include "base/lru_cache.h"
#include "check/check_context.h"
#include "check/narrative.h"

namespace jixiao {

namespace {

// The report as the checks read it once: its sentences, what each states, and the words the
// checks ask about. The sentences view the texts of the report they were split from.
struct ReportReading {
  Report report;  // a copy, when the reading is remembered beyond the package checked
  std::vector<Sentence> sentences;
  std::vector<SentenceClaims> claims;
  std::vector<uint32_t> words;
  uint32_t report_words = 0;
};

void Read(const Report& report, int fiscal_year, ReportReading* r) {
  r->sentences = SplitSentences(report);
  r->claims.reserve(r->sentences.size());
  r->words.reserve(r->sentences.size());
  for (const Sentence& s : r->sentences) {
    const uint32_t words = internal::SentenceWords(s.text);
    KnownWords known;
    known.sameness = (words & internal::kWordSameness) != 0;
    known.budget = (words & internal::kWordBudget) != 0;
    r->claims.push_back(ExtractClaims(s, fiscal_year, known));
    r->words.push_back(words);
    r->report_words |= words;
  }
}

// Everything the reading depends on, each field preceded by its length so that no two reports
// give the same key.
void AppendKey(const std::vector<ReportSection>& sections, std::string* key) {
  const auto field = [&](std::string_view text) {
    *key += std::to_string(text.size());
    key->push_back(':');
    key->append(text);
  };
  field(std::to_string(sections.size()));
  for (const ReportSection& s : sections) {
    field(s.number);
    field(s.title);
    field(s.text);
    AppendKey(s.subsections, key);
  }
}

// A few dozen reports: the packages being edited on one server at once.
constexpr size_t kRememberedReports = 64;

std::shared_ptr<const ReportReading> Remembered(const Report& report, int fiscal_year) {
  static LruCache<ReportReading> cache(kRememberedReports);
  std::string key = std::to_string(fiscal_year);
  key.push_back(':');
  AppendKey(report.sections, &key);
  if (std::shared_ptr<const ReportReading> found = cache.Get(key)) return found;
  auto r = std::make_shared<ReportReading>();
  r->report.sections = report.sections;
  Read(r->report, fiscal_year, r.get());
  cache.Put(key, r);
  return r;
}

}  // namespace

std::vector<Diagnostic> CheckPackage(const Package& package, const Rulebook& rulebook,
                                     const ScoreSheet& sheet, const CheckOptions& options) {
  std::vector<Diagnostic> out;
  out.reserve(32);  // most packages raise fewer; growing moves every diagnostic
  // The report is read once (or not at all, when remembered from an earlier check of it).
  ReportReading own;
  std::shared_ptr<const ReportReading> remembered;
  if (options.report) {
    if (options.remember_report) {
      remembered = Remembered(package.report, package.fiscal_year);
    } else {
      Read(package.report, package.fiscal_year, &own);
    }
  }
  const ReportReading& r = remembered ? *remembered : own;
  internal::CheckContext cx{
      package, rulebook,       sheet,
      &out,    r.sentences,    r.claims,
      r.words, r.report_words, internal::ScoredInWholePoints(package.evaluation)};
  // A part the document did not hold (Package::parts) is not checked: its blanks are not
  // missing values, and the import said once that it is absent (I603). What is there is
  // checked in full.
  const bool basic_data = Held(package.parts.basic_data);
  const bool evaluation = Held(package.parts.evaluation);
  const bool report = Held(package.parts.report);
  if (options.tables) {
    if (basic_data) {
      internal::CheckStaffing(cx);
      internal::CheckExpenses(cx);
      internal::CheckBuildings(cx);
    }
    if (evaluation) {
      internal::CheckFunds(cx);
      internal::CheckGoals(cx);
      internal::CheckIndicators(cx);
      internal::CheckWeights(cx);
      internal::CheckTotal(cx);
    }
    if (report) internal::CheckReport(cx);
    internal::CheckIdentity(cx);
  }
  if (options.report) {
    internal::CheckCrossDocument(cx);
    if (report) {
      NarrativeDiagnostics(
          package, AssessClaims(package, rulebook, r.sentences, r.claims, /*wrong_only=*/true),
          &out);
      internal::CheckStatements(cx);
    }
    internal::CheckPolicy(cx);
  }
  return out;
}

std::vector<Diagnostic> CheckPackage(const Package& package, const Rulebook& rulebook) {
  return CheckPackage(package, rulebook, ScorePackage(package, rulebook));
}

}  // namespace jixiao
