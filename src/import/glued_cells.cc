// Glued cells: the header found by its words, then label / figure-run pairs, each run cut by
// enumerating the cuts into valid figures and keeping those whose arithmetic holds.
#include "import/glued_cells.h"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <string>

#include "base/decimal.h"
#include "base/text.h"

namespace jixiao {
namespace {

enum class Kind { kInitial, kFull, kExecuted, kRate, kWeight, kScore };

struct Word {
  std::string_view word;
  Kind kind;
};

// Longest first where one word ends another at the same place.
constexpr std::array<Word, 14> kWords = {{
    {"调整后预算数", Kind::kFull},
    {"年初预算数", Kind::kInitial},
    {"全年预算数", Kind::kFull},
    {"全年执行数", Kind::kExecuted},
    {"预算执行数", Kind::kExecuted},
    {"预算执行率", Kind::kRate},
    {"执行率权重", Kind::kWeight},  // 重庆
    {"执行率得分", Kind::kScore},   // 重庆
    {"预算数", Kind::kFull},
    {"执行数", Kind::kExecuted},
    {"执行率", Kind::kRate},
    {"分值", Kind::kWeight},
    {"得分", Kind::kScore},
    {"权重", Kind::kWeight},
}};

// 全年（调整）预算数 (重庆), its note read as anything short by OCR ("全年(If整)预算数"): the
// length of such a word at s, or 0.
constexpr size_t kLongestInnerNote = 16;
size_t AdjustedBudgetWord(std::string_view s) {
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"全年(", ")"},
                             std::pair<std::string_view, std::string_view>{"全年（", "）"}}) {
    if (s.substr(0, open.size()) != open) continue;
    const size_t end = s.substr(open.size(), kLongestInnerNote).find(close);
    if (end == std::string_view::npos) continue;
    const size_t after = open.size() + end + close.size();
    if (s.substr(after, 9) == "预算数") return after + 9;
  }
  return 0;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsRunChar(char c) { return IsDigit(c) || c == '.' || c == '%'; }

// The longest bracketed note after a header word: "(A)", "（B/A）", "(20分*执行率)".
constexpr size_t kLongestNote = 40;

// The length of the header word at s with its note, and its word; 0 when none.
size_t MatchWord(std::string_view s, const Word** which) {
  if (const size_t adjusted = AdjustedBudgetWord(s); adjusted > 0) {
    if (which != nullptr) *which = &kWords[2];  // 全年预算数
    return adjusted;
  }
  for (const Word& w : kWords) {
    if (!StartsWith(s, w.word)) continue;
    size_t len = w.word.size();
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"(", ")"},
                               std::pair<std::string_view, std::string_view>{"（", "）"}}) {
      if (!StartsWith(s.substr(len), open)) continue;
      const size_t end = s.substr(len, kLongestNote).find(close);
      if (end != std::string_view::npos) len += end + close.size();
      break;
    }
    if (which != nullptr) *which = &w;
    return len;
  }
  return 0;
}

std::optional<Kind> KindOfWord(std::string_view word) {
  for (const Word& w : kWords) {
    if (w.word == word) return w.kind;
  }
  return std::nullopt;
}

// Whether `piece` can be a figure of a column of `kind`.
bool ValidPiece(std::string_view piece, Kind kind) {
  if (piece.empty()) return false;
  if (piece.back() == '%') {
    if (kind != Kind::kRate) return false;
    piece.remove_suffix(1);
  }
  if (piece.empty() || piece.find('%') != std::string_view::npos) return false;
  const size_t dot = piece.find('.');
  const std::string_view whole = piece.substr(0, dot);
  if (whole.empty() || (whole.size() > 1 && whole[0] == '0')) return false;
  if (dot != std::string_view::npos) {
    const std::string_view decimals = piece.substr(dot + 1);
    if (decimals.empty() || decimals.size() > 4 || decimals.find('.') != std::string_view::npos) {
      return false;
    }
  }
  if ((kind == Kind::kRate || kind == Kind::kWeight || kind == Kind::kScore) && whole.size() > 3) {
    return false;
  }
  return true;
}

std::optional<Decimal> Value(std::string_view piece) {
  if (!piece.empty() && piece.back() == '%') piece.remove_suffix(1);
  return Decimal::Parse(piece);
}

// Whether the rate of the cut is 执行数 ÷ 预算数 as written (rounded half up at its decimals);
// nullopt when the cut has no rate or not both amounts.
std::optional<bool> RateHolds(const std::vector<std::string_view>& pieces,
                              const std::vector<Kind>& kinds) {
  int rate = -1, executed = -1, full = -1, initial = -1;
  for (size_t k = 0; k < pieces.size(); ++k) {
    const int i = static_cast<int>(k);
    switch (kinds[k]) {
      case Kind::kRate:
        rate = rate < 0 ? i : rate;
        break;
      case Kind::kExecuted:
        executed = executed < 0 ? i : executed;
        break;
      case Kind::kFull:
        full = full < 0 ? i : full;
        break;
      case Kind::kInitial:
        initial = initial < 0 ? i : initial;
        break;
      case Kind::kWeight:
      case Kind::kScore:
        break;
    }
  }
  const int budget = full >= 0 ? full : initial;
  if (rate < 0 || executed < 0 || budget < 0) return std::nullopt;
  const std::optional<Decimal> r = Value(pieces[rate]);
  const std::optional<Decimal> e = Value(pieces[executed]);
  const std::optional<Decimal> b = Value(pieces[budget]);
  if (!r || !e || !b) return false;
  const bool percent = pieces[rate].back() == '%';
  // A rate written without '%' is a percentage above 1, a fraction up to 1.
  Decimal written = *r;
  if (!percent && written <= Decimal::FromInt(1)) written = written * Decimal::FromInt(100);
  if (b->is_zero()) return written.is_zero() && e->is_zero();
  const int decimals =
      percent || *r > Decimal::FromInt(1) ? r->scale() : std::max(0, r->scale() - 2);
  const Decimal exact =
      Decimal::Divide(*e * Decimal::FromInt(100), *b, decimals + 6, Rounding::kHalfUp);
  return exact.Rounded(decimals, Rounding::kHalfUp) == written;
}

// Whether the 得分 of the cut is its 分值 × 执行率 (the rate up to 100 %), as rounded where the
// score is written; nullopt when the cut has not all three.
std::optional<bool> ScoreHolds(const std::vector<std::string_view>& pieces,
                               const std::vector<Kind>& kinds) {
  int rate = -1, weight = -1, score = -1;
  for (size_t k = 0; k < pieces.size(); ++k) {
    const int i = static_cast<int>(k);
    if (kinds[k] == Kind::kRate && rate < 0) rate = i;
    if (kinds[k] == Kind::kWeight && weight < 0) weight = i;
    if (kinds[k] == Kind::kScore && weight >= 0 && score < 0) score = i;
  }
  if (rate < 0 || weight < 0 || score < 0) return std::nullopt;
  const std::optional<Decimal> r = Value(pieces[rate]);
  const std::optional<Decimal> w = Value(pieces[weight]);
  const std::optional<Decimal> sc = Value(pieces[score]);
  if (!r || !w || !sc) return false;
  Decimal percent = *r;
  if (pieces[rate].back() != '%' && percent <= Decimal::FromInt(1)) {
    percent = percent * Decimal::FromInt(100);
  }
  percent = Decimal::Min(percent, Decimal::FromInt(100));
  const Decimal exact =
      Decimal::Divide(*w * percent, Decimal::FromInt(100), sc->scale() + 6, Rounding::kHalfUp);
  return exact.RoundsTo(*sc);
}

// Bounds the enumeration of cuts (a run is short, but a run of digits has many cuts): per run,
// and per line in proportion to its length, so that reading stays linear.
constexpr long kMostCuts = 20000;
constexpr long kCutsPerByte = 4;

}  // namespace

namespace {

// Calls `found` with each cut of `run` into one valid piece per kind, in order, spending
// `*budget`; false when the budget ran out.
bool EachCut(std::string_view run, const std::vector<Kind>& kinds, long* budget,
             const std::function<void(const std::vector<std::string_view>&)>& found) {
  std::vector<std::string_view> pieces;
  std::function<void(size_t)> cut = [&](size_t pos) {
    if (--*budget < 0) return;
    if (pieces.size() == kinds.size()) {
      if (pos == run.size()) found(pieces);
      return;
    }
    for (size_t end = pos + 1; end <= run.size(); ++end) {
      const std::string_view piece = run.substr(pos, end - pos);
      if (!ValidPiece(piece, kinds[pieces.size()])) continue;
      pieces.push_back(piece);
      cut(end);
      pieces.pop_back();
    }
  };
  cut(0);
  return *budget >= 0;
}

// The cuts of `run`, trying at most `*budget` cuts (spent from it): none when it runs out.
std::vector<std::vector<std::string_view>> CutsWithin(std::string_view run,
                                                      const std::vector<std::string_view>& columns,
                                                      long* budget) {
  std::vector<Kind> kinds;
  for (std::string_view c : columns) {
    const std::optional<Kind> k = KindOfWord(c);
    if (!k) return {};
    kinds.push_back(*k);
  }
  if (run.empty() || run.size() > kLongestGluedRun) return {};
  for (size_t m = kinds.size(); m >= 1; --m) {
    std::vector<std::vector<std::string_view>> valid, consistent;
    const std::vector<Kind> head(kinds.begin(), kinds.begin() + static_cast<std::ptrdiff_t>(m));
    if (!EachCut(run, head, budget, [&](const std::vector<std::string_view>& pieces) {
          valid.push_back(pieces);
          if (RateHolds(pieces, head).value_or(false)) consistent.push_back(pieces);
        })) {
      return {};
    }
    if (!consistent.empty()) return consistent;
    // Without a rate to check the cut against, only a cut that is the only one counts.
    bool checkable = false;
    if (!valid.empty()) checkable = RateHolds(valid.front(), head).has_value();
    if (!checkable && !valid.empty()) return valid;
    if (m == 1) break;
  }
  // A row whose first cells are blank (an OCR that lost the amounts: "76%107.6" under six
  // columns): the last columns, only where the arithmetic confirms the cut (the rate is the
  // amounts' ratio, or the score is the weight times the rate).
  for (size_t m = kinds.size() - 1; m >= 2; --m) {
    std::vector<std::vector<std::string_view>> confirmed;
    const std::vector<Kind> tail(kinds.end() - static_cast<std::ptrdiff_t>(m), kinds.end());
    if (!EachCut(run, tail, budget, [&](const std::vector<std::string_view>& pieces) {
          if (RateHolds(pieces, tail).value_or(false) || ScoreHolds(pieces, tail).value_or(false)) {
            confirmed.push_back(pieces);
          }
        })) {
      return {};
    }
    if (!confirmed.empty()) return confirmed;
  }
  return {};
}

}  // namespace

std::vector<std::vector<std::string_view>> GluedFigureCuts(
    std::string_view run, const std::vector<std::string_view>& columns) {
  long budget = kMostCuts;
  return CutsWithin(run, columns, &budget);
}

std::vector<std::string_view> GluedTableCells(std::string_view line) {
  const std::string_view t = TrimBlank(line);
  if (t.find("执行") == std::string_view::npos) return {};  // every funds header has 执行数
  // The header: two or more header words glued.
  size_t start = std::string_view::npos, end = 0;
  std::vector<std::string_view> words, columns;
  // Only where a header word starts (found in one pass, not tried at every character).
  static const WordSet kHeaderWords = [] {
    std::vector<std::string_view> list;
    for (const Word& w : kWords) list.push_back(w.word);
    return WordSet(list);
  }();
  for (size_t i = 0; i < t.size() && start == std::string_view::npos;) {
    const WordSet::Found found = kHeaderWords.NextWord(t, i, t.size());
    if (found.word < 0) break;
    i = found.at;
    const Word* first = nullptr;
    const size_t len = MatchWord(t.substr(i), &first);
    if (len > 0) {
      std::vector<std::string_view> w = {t.substr(i, len)};
      std::vector<std::string_view> c = {first->word};
      size_t j = i + len;
      while (j < t.size()) {
        const Word* next = nullptr;
        const size_t l = MatchWord(t.substr(j), &next);
        if (l == 0) break;
        w.push_back(t.substr(j, l));
        c.push_back(next->word);
        j += l;
      }
      if (w.size() >= kFewestGluedWords) {
        start = i;
        end = j;
        words = std::move(w);
        columns = std::move(c);
        break;
      }
    }
    NextCodePoint(t, &i);
  }
  if (start == std::string_view::npos) return {};
  std::vector<std::string_view> cells;
  if (const std::string_view before = TrimBlank(t.substr(0, start)); !before.empty()) {
    cells.push_back(before);
  }
  cells.insert(cells.end(), words.begin(), words.end());
  // The rows: a label, then a run of figures.
  // The cuts tried on the whole line are bounded by its length.
  long spare = kCutsPerByte * static_cast<long>(t.size());
  size_t p = end;
  for (int rows = 0; p < t.size() && rows < kMostGluedRows; ++rows) {
    size_t q = p;
    int chars = 0;
    while (q < t.size() && !IsDigit(t[q]) && chars <= kLongestGluedLabel) {
      NextCodePoint(t, &q);
      ++chars;
    }
    if (q >= t.size() || chars > kLongestGluedLabel) break;
    const std::string_view label = TrimBlank(t.substr(p, q - p));
    if (label.empty()) break;
    size_t r = q;
    while (r < t.size() && IsRunChar(t[r])) ++r;
    const std::string_view run = t.substr(q, r - q);
    long budget = std::min<long>(kMostCuts, spare);
    const std::vector<std::vector<std::string_view>> cuts = CutsWithin(run, columns, &budget);
    spare -= std::min<long>(kMostCuts, spare) - std::max<long>(budget, 0);
    cells.push_back(label);
    if (cuts.size() == 1) {
      cells.insert(cells.end(), cuts[0].begin(), cuts[0].end());
    } else {
      cells.push_back(run);  // no cut, or several: left whole, never guessed
    }
    p = r;
  }
  if (const std::string_view rest = TrimBlank(t.substr(p)); !rest.empty()) cells.push_back(rest);
  return cells;
}

}  // namespace jixiao
