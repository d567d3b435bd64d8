// The checker: runs the check families in document order.
#include "check/checker.h"

#include "check/check_context.h"
#include "check/narrative.h"

namespace jixiao {

std::vector<Diagnostic> CheckPackage(const Package& package, const Rulebook& rulebook,
                                     const ScoreSheet& sheet, const CheckOptions& options) {
  std::vector<Diagnostic> out;
  out.reserve(32);  // most packages raise fewer; growing moves every diagnostic
  // The report is read once: its sentences, what each states, and the words the checks ask
  // about.
  std::vector<Sentence> sentences;
  std::vector<SentenceClaims> claims;
  std::vector<uint32_t> words;
  uint32_t report_words = 0;
  if (options.report) {
    sentences = SplitSentences(package.report);
    claims.reserve(sentences.size());
    words.reserve(sentences.size());
    for (const Sentence& s : sentences) {
      claims.push_back(ExtractClaims(s, package.fiscal_year));
      words.push_back(internal::SentenceWords(s.text));
      report_words |= words.back();
    }
  }
  internal::CheckContext cx{
      package, rulebook,     sheet,
      &out,    sentences,    claims,
      words,   report_words, internal::ScoredInWholePoints(package.evaluation)};
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
          package, AssessClaims(package, rulebook, sentences, claims, /*wrong_only=*/true), &out);
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
