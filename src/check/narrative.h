// Checking the prose: every figure and comparison the report states is linked to the facts of
// the tables (or, for a difference, to the two figures the sentence itself compares) and
// recomputed, rounding-aware. Each statement gets a verdict; the ones that are wrong become
// diagnostics (N801–N804, X701) in CheckPackage, and `jixiao claims` lists them all.
//
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "check/diagnostic.h"
#include "compute/figure.h"
#include "model/package.h"
#include "narrative/claims.h"
#include "rules/rulebook.h"

namespace jixiao {

enum class Verdict {
  kConsistent,        // follows from the facts
  kRounding,          // follows only thanks to rounding
  kNumberError,       // the number does not follow
  kUnitError,         // the number follows only in another unit (6.04元 for 6.04万元)
  kUnitMissing,       // the number follows, but no unit is written
  kDirectionError,    // the direction word is wrong (持平 for a rise)
  kDiffersFromTable,  // the figure differs from the same fact in the tables
  kRateMisstated,     // a rate (执行率, 控制率, 调整率) does not follow from the tables
  kAdjustmentMisstated,  // the budget-adjustment sentence disagrees with the tables
  kChangeAndPercent,  // a difference and a percentage stated together disagree
  kUntraceable,       // nothing to check it against
};
std::string_view VerdictKey(Verdict v);  // "consistent", "rounding", "number_error", …
// The verdict for people: "一致" / "consistent", "单位错误" / "unit error", …
std::string VerdictName(Verdict v, bool zh);
// A claim's kind for people: "amount" → "金额" / "amount", "difference" → "差额" / "difference".
std::string ClaimKindName(std::string_view kind, bool zh);

struct ClaimCheck {
  Sentence sentence;
  int begin = 0, end = 0;  // span in the sentence
  std::string kind;        // "amount", "difference", "percent_change", "flat", "rate", "adjustment",
                           // "change_and_percent"
  Subject subject = Subject::kNone;
  std::string stated;        // "6.04元", "持平", "36.70万元"
  std::string expected;      // what follows from the facts ("6.04万元", "+0.01万元 (+1.49%)")
  std::string fact_pointer;  // the table cell checked against, if any
  Verdict verdict = Verdict::kUntraceable;
};

// The verdicts NarrativeDiagnostics reports (number, unit, direction, missing unit, differs
// from the tables).
bool IsWrong(Verdict v);

// Every numeric statement of the report with its verdict, in report order. The sentences
// view package.report's texts.
std::vector<ClaimCheck> AssessClaims(const Package& package, const Rulebook& rulebook);
// The same on sentences already split from package.report, with what each states; with
// `wrong_only`, only the statements whose verdict IsWrong (the others are judged, not kept).
std::vector<ClaimCheck> AssessClaims(const Package& package, const Rulebook& rulebook,
                                     const std::vector<Sentence>& sentences,
                                     const std::vector<SentenceClaims>& claims,
                                     bool wrong_only = false);

// Diagnostics for the wrong ones (appended to `out`).
void NarrativeDiagnostics(const Package& package, const std::vector<ClaimCheck>& claims,
                          std::vector<Diagnostic>* out);

// The figure a mention states: its written interval, in 万元 for money.
Figure StatedFigure(const Mention& m);

// The report's Location of a span of a sentence.
Location SentenceLocation(const Package& package, const Sentence& sentence, int begin, int end);

}  // namespace jixiao
