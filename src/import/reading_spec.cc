// Reading specs: header and label matching by a form's own wording, and the choice of a
// layout by signature words (import/reading_spec.h).
#include "import/reading_spec.h"

#include <algorithm>

#include "base/lines.h"
#include "base/text.h"

namespace jixiao {

const std::vector<std::string>& SpecFundsFields() {
  static const std::vector<std::string> fields = {
      "initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"};
  return fields;
}

const std::vector<std::string>& SpecFundsRowKeys() {
  static const std::vector<std::string> keys = {"current_appropriation", "prior_carryover",
                                                "other", "basic", "project"};
  return keys;
}

const std::vector<std::string>& SpecGoalsFields() {
  static const std::vector<std::string> fields = {"planned", "achieved"};
  return fields;
}

const std::vector<std::string>& SpecLeafFields() {
  static const std::vector<std::string> fields = {"target", "actual",    "weight",
                                                  "score",  "deviation", "coefficient"};
  return fields;
}

std::string FoldWording(std::string_view text) { return FoldWidth(JoinTrimmedLines(text)); }

namespace {

const std::vector<std::string>* WordsFor(const SpecWords& table, std::string_view field) {
  for (const auto& [name, words] : table) {
    if (name == field) return &words;
  }
  return nullptr;
}

}  // namespace

int SpecColumn(const ReadingSpec* spec, const SpecWords& table, std::string_view field,
               const std::vector<std::string>& keys) {
  if (spec == nullptr) return -1;
  const std::vector<std::string>* words = WordsFor(table, field);
  if (words == nullptr) return -1;
  for (const std::string& w : *words) {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == w) return static_cast<int>(i);
    }
  }
  for (const std::string& w : *words) {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (!w.empty() && keys[i].find(w) != std::string::npos) return static_cast<int>(i);
    }
  }
  return -1;
}

std::string SpecFundsRowKey(const ReadingSpec* spec, std::string_view folded_label) {
  if (spec == nullptr) return "";
  std::string_view l = folded_label;
  for (std::string_view prefix : {"其中:", "其中"}) {
    if (l.substr(0, prefix.size()) == prefix) l.remove_prefix(prefix.size());
  }
  for (const auto& [key, words] : spec->funds_rows) {
    for (const std::string& w : words) {
      std::string_view bare = w;
      for (std::string_view prefix : {"其中:", "其中"}) {
        if (bare.substr(0, prefix.size()) == prefix) bare.remove_prefix(prefix.size());
      }
      if (!bare.empty() && l.find(bare) != std::string_view::npos) return key;
    }
  }
  return "";
}

namespace {

bool HasNonAscii(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// Which of each spec's signature words the document's table cells contain: one pass over the
// cells, each folded once for all the specs (a workbook of 60,000 cells was folded once per
// candidate form before), stopping early once every word has been seen. Folding leaves ASCII
// text ASCII, so when every word has a character beyond ASCII (Chinese wording always does),
// cells of ASCII alone (numbers, codes) are not folded at all.
std::vector<LayoutMatch> MatchLayouts(const std::vector<const ReadingSpec*>& specs,
                                      const FlatDocument& document) {
  std::vector<std::vector<bool>> seen;
  size_t unseen = 0;
  bool ascii_cells_match = false;
  for (const ReadingSpec* spec : specs) {
    seen.emplace_back(spec->signature.size(), false);
    for (size_t i = 0; i < spec->signature.size(); ++i) {
      if (spec->signature[i].empty()) {
        seen.back()[i] = true;  // never found, never looked for
      } else {
        ++unseen;
        if (!HasNonAscii(spec->signature[i])) ascii_cells_match = true;
      }
    }
  }
  for (const FlatBlock& block : document.blocks) {
    if (unseen == 0) break;
    if (block.kind != FlatBlock::Kind::kTable) continue;
    for (const FlatRow& row : block.table.rows) {
      for (const FlatCell& cell : row.cells) {
        if (cell.covered || IsBlank(cell.text)) continue;
        if (!ascii_cells_match && !HasNonAscii(cell.text)) continue;
        const std::string key = FoldWording(cell.text);
        for (size_t s = 0; s < specs.size(); ++s) {
          const std::vector<std::string>& words = specs[s]->signature;
          for (size_t i = 0; i < words.size(); ++i) {
            if (!seen[s][i] && key.find(words[i]) != std::string::npos) {
              seen[s][i] = true;
              --unseen;
            }
          }
        }
      }
    }
  }
  std::vector<LayoutMatch> matches(specs.size());
  for (size_t s = 0; s < specs.size(); ++s) {
    LayoutMatch& m = matches[s];
    m.spec = specs[s];
    m.total = specs[s]->signature.size();
    for (size_t i = 0; i < m.total; ++i) {
      if (seen[s][i] && !specs[s]->signature[i].empty()) m.found.push_back(specs[s]->signature[i]);
    }
  }
  return matches;
}

}  // namespace

LayoutMatch MatchLayout(const ReadingSpec& spec, const FlatDocument& document) {
  return std::move(MatchLayouts({&spec}, document).front());
}

std::optional<LayoutMatch> ChooseLayout(const std::vector<ReadingSpec>& candidates,
                                        const FlatDocument& document) {
  std::vector<const ReadingSpec*> specs;
  for (const ReadingSpec& spec : candidates) specs.push_back(&spec);
  std::optional<LayoutMatch> best;
  for (LayoutMatch& m : MatchLayouts(specs, document)) {
    // At least half of the form's words: one generic word (年度资金总额) is no sign.
    if (m.found.empty() || m.found.size() * 2 < m.total) continue;
    if (!best) {
      best = std::move(m);
      continue;
    }
    // found / total > best.found / best.total, compared without division.
    const size_t lhs = m.found.size() * best->total, rhs = best->found.size() * m.total;
    if (lhs > rhs || (lhs == rhs && m.found.size() > best->found.size())) best = std::move(m);
  }
  return best;
}

}  // namespace jixiao
