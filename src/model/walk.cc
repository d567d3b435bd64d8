// Tree walkers and label cleaning.
#include "model/walk.h"

#include <charconv>

#include "base/text.h"

namespace jixiao {

using namespace std::string_view_literals;  // literal lists of words: sizes known, no strlen

namespace {

struct IndicatorWalker {
  const std::function<void(const IndicatorVisit&)>& fn;
  std::vector<const Indicator*> chain;
  std::vector<int> indices;

  void Walk(const std::vector<Indicator>& nodes) {
    for (size_t i = 0; i < nodes.size(); ++i) {
      chain.push_back(&nodes[i]);
      indices.push_back(static_cast<int>(i));
      IndicatorVisit v;
      v.node = &nodes[i];
      v.parent = chain.size() > 1 ? chain[chain.size() - 2] : nullptr;
      v.top = chain.front();
      v.depth = static_cast<int>(chain.size());
      v.chain = &chain;
      v.indices = &indices;
      fn(v);
      Walk(nodes[i].children);
      chain.pop_back();
      indices.pop_back();
    }
  }
};

struct ExpenseWalker {
  const std::function<void(const ExpenseVisit&)>& fn;
  std::vector<int> indices;

  void Walk(const std::vector<ExpenseRow>& rows, const ExpenseRow* parent) {
    for (size_t i = 0; i < rows.size(); ++i) {
      indices.push_back(static_cast<int>(i));
      ExpenseVisit v;
      v.row = &rows[i];
      v.parent = parent;
      v.depth = static_cast<int>(indices.size());
      v.indices = &indices;
      fn(v);
      Walk(rows[i].children, &rows[i]);
      indices.pop_back();
    }
  }
};

std::string IndexPointer(std::string_view base, const std::vector<int>& indices) {
  std::string out;
  out.reserve(base.size() + indices.size() * 13);
  out += base;
  for (size_t k = 0; k < indices.size(); ++k) {
    if (k) out += "/children";
    char digits[16];
    const auto [end, error] = std::to_chars(digits, digits + sizeof digits, indices[k]);
    out.push_back('/');
    out.append(digits, end);
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

std::string IndicatorVisit::pointer() const {
  return IndexPointer("/evaluation/indicators", *indices);
}

std::string IndicatorVisit::path() const { return IndicatorPath(*chain); }

std::string ExpenseVisit::pointer() const { return IndexPointer("/basic_data/expenses", *indices); }

std::string IndicatorPath(const std::vector<const Indicator*>& chain) {
  const auto part = [](const Indicator* node) {
    return node->name.empty() ? std::string_view("（空行）") : TrimBlank(node->name);
  };
  constexpr std::string_view kBetween = " › ";
  size_t size = 0;
  for (const Indicator* node : chain) size += part(node).size() + kBetween.size();
  std::string path;
  path.reserve(size);
  for (const Indicator* node : chain) {
    if (!path.empty()) path += kBetween;
    path += part(node);
  }
  return path;
}

void ForEachIndicator(const std::vector<Indicator>& roots,
                      const std::function<void(const IndicatorVisit&)>& fn) {
  IndicatorWalker walker{fn, {}, {}};
  // Room for every level the model has (一级 to 四级) and more, so that the stacks never grow.
  walker.chain.reserve(8);
  walker.indices.reserve(8);
  walker.Walk(roots);
}

void ForEachExpenseRow(const std::vector<ExpenseRow>& roots,
                       const std::function<void(const ExpenseVisit&)>& fn) {
  ExpenseWalker walker{fn, {}};
  walker.indices.reserve(8);
  walker.Walk(roots, nullptr);
}

const ExpenseRow* FindExpenseRow(const std::vector<ExpenseRow>& roots, std::string_view key) {
  for (const ExpenseRow& row : roots) {
    if (row.key == key) return &row;
    if (const ExpenseRow* found = FindExpenseRow(row.children, key)) return found;
  }
  return nullptr;
}

std::string CleanLabel(std::string_view label) {
  std::string_view s = TrimBlank(label);
  for (std::string_view prefix : {"其中："sv, "其中:"sv, "其中"sv}) {
    if (StartsWith(s, prefix)) {
      s = TrimBlank(s.substr(prefix.size()));
      break;
    }
  }
  // Leading numbering: "1." "1、" "2.（" "一、" "（一）".
  static const std::string_view kNumerals[] = {"一", "二", "三", "四", "五",
                                               "六", "七", "八", "九", "十"};
  size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == 0) {
    for (std::string_view n : kNumerals) {
      if (StartsWith(s, n)) {
        i = n.size();
        break;
      }
    }
  }
  if (i > 0) {
    std::string_view rest = s.substr(i);
    for (std::string_view sep : {"."sv, "、"sv, "．"sv}) {
      if (StartsWith(rest, sep)) return std::string(TrimBlank(rest.substr(sep.size())));
    }
  }
  return std::string(s);
}

}  // namespace jixiao
