// Rulebook loading: parses rulebooks/*.toml with toml++, validates every table and key
// against docs/rulebook-format.md (the first problem found becomes an InvalidArgument that
// names the source, line, column and key), and answers the two lookups scorers need: the
// ordinal level of a qualitative word and the grade of a total.
//
// toml++ reports syntax errors by exception; they are caught here and never escape.
#include "rules/rulebook.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <initializer_list>
#include <map>
#include <system_error>
#include <utility>

#include "base/text.h"
#include "rules/bundled_rulebooks.h"

namespace jixiao {
namespace {

#define RB_RETURN_IF_ERROR(expr)           \
  do {                                     \
    Status rb_status = (expr);             \
    if (!rb_status.ok()) return rb_status; \
  } while (0)

using Keys = std::initializer_list<std::string_view>;

constexpr int kMaxDecimals = 6;

std::string_view TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string Join(Keys words, std::string_view separator) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += separator;
    out += w;
  }
  return out;
}

std::string KeyPath(std::string_view table, std::string_view key) {
  if (table.empty()) return std::string(key);
  return fmt::format("{}.{}", table, key);
}

std::string IndexPath(std::string_view path, size_t index) {
  return fmt::format("{}[{}]", path, index);
}

// " (did you mean output?)" when a known name is within two edits of `name`, else "".
std::string Suggestion(std::string_view name, Keys known) {
  constexpr size_t kMaxEdits = 2;
  std::string_view best;
  size_t best_distance = kMaxEdits + 1;
  for (std::string_view k : known) {
    const size_t gap = k.size() > name.size() ? k.size() - name.size() : name.size() - k.size();
    if (gap > kMaxEdits) continue;
    const size_t d = EditDistance(name, k);
    if (d < best_distance) {
      best = k;
      best_distance = d;
    }
  }
  if (best.empty()) return "";
  return fmt::format(" (did you mean {}?)", best);
}

bool Before(const toml::source_position& a, const toml::source_position& b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

// Byte offset of a 1-based line and column (columns count code points, as toml++ does).
size_t OffsetOf(std::string_view text, uint32_t line, uint32_t column) {
  size_t pos = 0;
  for (uint32_t l = 1; l < line; ++l) {
    const size_t newline = text.find('\n', pos);
    if (newline == std::string_view::npos) return text.size();
    pos = newline + 1;
  }
  for (uint32_t c = 1; c < column && pos < text.size() && text[pos] != '\n'; ++c) {
    NextCodePoint(text, &pos);
  }
  return pos;
}

// Reads the tables of one rulebook, stopping at the first problem.
class Reader {
 public:
  Reader(std::string_view text, const std::string& source, const toml::table& root)
      : text_(text), source_(source), root_(root) {}

  Status Read(Rulebook* rb) {
    RB_RETURN_IF_ERROR(CheckKeys(root_, "",
                                 {"rulebook", "weights", "execution", "scores", "rates", "reverse",
                                  "qualitative", "grades", "three_public", "policy"}));
    RB_RETURN_IF_ERROR(ReadRulebookTable(rb));
    RB_RETURN_IF_ERROR(ReadWeights(rb));
    RB_RETURN_IF_ERROR(ReadExecution(rb));
    RB_RETURN_IF_ERROR(ReadDecimalsAndRounding("scores", &rb->score_decimals, &rb->score_rounding));
    RB_RETURN_IF_ERROR(ReadDecimalsAndRounding("rates", &rb->rate_decimals, &rb->rate_rounding));
    RB_RETURN_IF_ERROR(ReadReverse(rb));
    RB_RETURN_IF_ERROR(ReadQualitative(rb));
    RB_RETURN_IF_ERROR(ReadGrades(rb));
    RB_RETURN_IF_ERROR(ReadThreePublic(rb));
    return ReadPolicy(rb);
  }

 private:
  Status Error(const toml::source_region& where, std::string_view path,
               std::string_view message) const {
    uint32_t line = where.begin.line;
    uint32_t column = where.begin.column;
    if (line == 0 || column == 0) line = column = 1;  // a node without a position
    return Status::InvalidArgument(
        fmt::format("{}:{}:{}: {}: {}", source_, line, column, path, message));
  }

  // The text a value was written as (for quoting a float back); empty when unknown.
  std::string WrittenText(const toml::source_region& where) const {
    if (where.begin.line == 0) return "";
    constexpr size_t kMaxLength = 40;
    size_t pos = OffsetOf(text_, where.begin.line, where.begin.column);
    const size_t start = pos;
    while (pos < text_.size() && pos - start < kMaxLength &&
           std::string_view(" \t\r\n,]}#").find(text_[pos]) == std::string_view::npos) {
      ++pos;
    }
    return std::string(text_.substr(start, pos - start));
  }

  // The first key of `table` (in document order) that is not in `allowed`.
  Status CheckKeys(const toml::table& table, std::string_view path, Keys allowed) const {
    const toml::key* unknown = nullptr;
    const toml::node* unknown_value = nullptr;
    for (auto&& [key, value] : table) {
      bool known = false;
      for (std::string_view a : allowed) known = known || key.str() == a;
      if (known) continue;
      if (unknown == nullptr || Before(key.source().begin, unknown->source().begin)) {
        unknown = &key;
        unknown_value = &value;
      }
    }
    if (unknown == nullptr) return Status::Ok();
    // [x] and [[x]] headers name tables; `x = ...` (an inline table too) is a key.
    const toml::table* table_value = unknown_value->as_table();
    const bool is_table = (table_value != nullptr && !table_value->is_inline()) ||
                          unknown_value->is_array_of_tables();
    const std::string what = is_table ? "unknown table" : "unknown key";
    return Error(unknown->source(), KeyPath(path, unknown->str()),
                 what + Suggestion(unknown->str(), allowed));
  }

  Status Require(const toml::table& table, std::string_view path, std::string_view key,
                 const toml::node** out) const {
    *out = table.get(key);
    if (*out == nullptr) return Error(table.source(), KeyPath(path, key), "missing key");
    return Status::Ok();
  }

  // A top-level table, with its unknown keys rejected.
  Status Table(std::string_view name, Keys keys, const toml::table** out) const {
    const toml::node* node = root_.get(name);
    if (node == nullptr) return Error(root_.source(), name, "missing table");
    *out = node->as_table();
    if (*out == nullptr) {
      return Error(node->source(), name,
                   fmt::format("expected a table, found {}", TypeName(*node)));
    }
    return CheckKeys(**out, name, keys);
  }

  Status ReadString(const toml::table& table, std::string_view path, std::string_view key,
                    std::string* out, const toml::node** node_out = nullptr) const {
    const toml::node* node = nullptr;
    RB_RETURN_IF_ERROR(Require(table, path, key, &node));
    if (node_out != nullptr) *node_out = node;
    const auto* s = node->as_string();
    if (s == nullptr) {
      return Error(node->source(), KeyPath(path, key),
                   fmt::format("expected a string, found {}", TypeName(*node)));
    }
    *out = s->get();
    return Status::Ok();
  }

  Status ReadNonBlankString(const toml::table& table, std::string_view path, std::string_view key,
                            std::string* out) const {
    const toml::node* node = nullptr;
    RB_RETURN_IF_ERROR(ReadString(table, path, key, out, &node));
    if (IsBlank(*out)) return Error(node->source(), KeyPath(path, key), "must not be empty");
    return Status::Ok();
  }

  // One of `choices`; *index is its position in the list.
  Status ReadChoice(const toml::table& table, std::string_view path, std::string_view key,
                    Keys choices, size_t* index) const {
    std::string value;
    const toml::node* node = nullptr;
    RB_RETURN_IF_ERROR(ReadString(table, path, key, &value, &node));
    size_t i = 0;
    for (std::string_view c : choices) {
      if (value == c) {
        *index = i;
        return Status::Ok();
      }
      ++i;
    }
    return Error(node->source(), KeyPath(path, key),
                 fmt::format("\"{}\" is not one of {}", value, Join(choices, ", ")));
  }

  Status ReadBool(const toml::table& table, std::string_view path, std::string_view key, bool* out,
                  const toml::node** node_out) const {
    RB_RETURN_IF_ERROR(Require(table, path, key, node_out));
    const auto* b = (*node_out)->as_boolean();
    if (b == nullptr) {
      return Error((*node_out)->source(), KeyPath(path, key),
                   fmt::format("expected true or false, found {}", TypeName(**node_out)));
    }
    *out = b->get();
    return Status::Ok();
  }

  // A decimal written as a string ("87.5") or an integer; floats are refused because a binary
  // float cannot keep the decimals that were written.
  Status DecimalValue(const toml::node& node, std::string_view path, Decimal* out) const {
    if (const auto* i = node.as_integer()) {
      *out = Decimal::FromInt(i->get());
      return Status::Ok();
    }
    if (const auto* s = node.as_string()) {
      std::optional<Decimal> d = Decimal::Parse(s->get());
      if (!d) {
        return Error(node.source(), path,
                     fmt::format("\"{}\" is not a decimal number (digits with an optional '-' "
                                 "and '.', such as \"87.5\")",
                                 s->get()));
      }
      *out = *d;
      return Status::Ok();
    }
    if (node.is_floating_point()) {
      const std::string written = WrittenText(node.source());
      if (!written.empty() && Decimal::Parse(written)) {
        return Error(node.source(), path,
                     fmt::format("{} is a TOML float, which loses its written decimals; write it "
                                 "as a string: \"{}\"",
                                 written, written));
      }
      return Error(node.source(), path,
                   "a TOML float loses its written decimals; write the number as a string, such "
                   "as \"87.5\"");
    }
    return Error(node.source(), path,
                 fmt::format("expected a decimal string or an integer, found {}", TypeName(node)));
  }

  Status ReadDecimal(const toml::table& table, std::string_view path, std::string_view key,
                     Decimal* out, const toml::node** node_out = nullptr) const {
    const toml::node* node = nullptr;
    RB_RETURN_IF_ERROR(Require(table, path, key, &node));
    if (node_out != nullptr) *node_out = node;
    return DecimalValue(*node, KeyPath(path, key), out);
  }

  Status ReadDecimals(const toml::table& table, std::string_view path, int* out) const {
    const toml::node* node = nullptr;
    RB_RETURN_IF_ERROR(Require(table, path, "decimals", &node));
    const auto* i = node->as_integer();
    if (i == nullptr || i->get() < 0 || i->get() > kMaxDecimals) {
      const std::string found =
          i != nullptr ? std::to_string(i->get()) : std::string(TypeName(*node));
      return Error(node->source(), KeyPath(path, "decimals"),
                   fmt::format("expected an integer from 0 to {}, found {}", kMaxDecimals, found));
    }
    *out = static_cast<int>(i->get());
    return Status::Ok();
  }

  Status ReadRounding(const toml::table& table, std::string_view path, Rounding* out) const {
    size_t index = 0;
    RB_RETURN_IF_ERROR(
        ReadChoice(table, path, "rounding", {"half_up", "half_even", "truncate"}, &index));
    const std::string_view names[] = {"half_up", "half_even", "truncate"};
    *out = *ParseRounding(names[index]);
    return Status::Ok();
  }

  Status ReadDecimalsAndRounding(std::string_view name, int* decimals, Rounding* rounding) const {
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(Table(name, {"decimals", "rounding"}, &t));
    RB_RETURN_IF_ERROR(ReadDecimals(*t, name, decimals));
    return ReadRounding(*t, name, rounding);
  }

  // A percent in [0, 100], or in (0, 100] when `positive`.
  Status CheckPercent(const toml::node& node, std::string_view path, const Decimal& value,
                      bool positive) const {
    const bool below = positive ? value.sign() <= 0 : value.sign() < 0;
    if (below || value > Decimal::FromInt(100)) {
      return Error(node.source(), path,
                   fmt::format("must be {} 100, found {}",
                               positive ? "above 0 and at most" : "from 0 to", value.ToString()));
    }
    return Status::Ok();
  }

  Status ReadRulebookTable(Rulebook* rb) const {
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(Table("rulebook", {"id", "name", "description"}, &t));
    const toml::node* id_node = nullptr;
    RB_RETURN_IF_ERROR(ReadString(*t, "rulebook", "id", &rb->id, &id_node));
    if (rb->id.empty()) return Error(id_node->source(), "rulebook.id", "must not be empty");
    for (char c : rb->id) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return Error(id_node->source(), "rulebook.id",
                     fmt::format("\"{}\" may use only a-z, 0-9 and '-'", rb->id));
      }
    }
    RB_RETURN_IF_ERROR(ReadNonBlankString(*t, "rulebook", "name", &rb->name));
    return ReadString(*t, "rulebook", "description", &rb->description);
  }

  Status ReadWeights(Rulebook* rb) const {
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(
        Table("weights", {"layout", "execution", "output", "effect", "satisfaction", "total"}, &t));
    size_t layout = 0;
    RB_RETURN_IF_ERROR(ReadChoice(*t, "weights", "layout", {"top_level", "under_effect"}, &layout));
    rb->satisfaction_layout =
        layout == 0 ? SatisfactionLayout::kTopLevel : SatisfactionLayout::kUnderEffect;

    const std::pair<std::string_view, Decimal*> parts[] = {
        {"execution", &rb->execution_weight},
        {"output", &rb->output_weight},
        {"effect", &rb->effect_weight},
        {"satisfaction", &rb->satisfaction_weight}};
    const toml::node* satisfaction_node = nullptr;
    for (const auto& [key, out] : parts) {
      const toml::node* node = nullptr;
      RB_RETURN_IF_ERROR(ReadDecimal(*t, "weights", key, out, &node));
      if (out->sign() < 0) {
        return Error(node->source(), KeyPath("weights", key),
                     fmt::format("must not be negative, found {}", out->ToString()));
      }
      if (key == "satisfaction") satisfaction_node = node;
    }
    const toml::node* total_node = nullptr;
    RB_RETURN_IF_ERROR(ReadDecimal(*t, "weights", "total", &rb->total_weight, &total_node));
    if (rb->total_weight.sign() <= 0) {
      return Error(total_node->source(), "weights.total",
                   fmt::format("must be above 0, found {}", rb->total_weight.ToString()));
    }

    const Decimal& execution = rb->execution_weight;
    const Decimal& output = rb->output_weight;
    const Decimal& effect = rb->effect_weight;
    const Decimal& satisfaction = rb->satisfaction_weight;
    if (rb->satisfaction_layout == SatisfactionLayout::kUnderEffect) {
      if (satisfaction > effect) {
        return Error(satisfaction_node->source(), "weights.satisfaction",
                     fmt::format("{} is above effect {} (under_effect: effect includes "
                                 "satisfaction)",
                                 satisfaction.ToString(), effect.ToString()));
      }
      const Decimal sum = execution + output + effect;
      if (sum != rb->total_weight) {
        return Error(total_node->source(), "weights.total",
                     fmt::format("{} does not equal execution + output + effect = {} + {} + {} = "
                                 "{} (under_effect: effect includes satisfaction)",
                                 rb->total_weight.ToString(), execution.ToString(),
                                 output.ToString(), effect.ToString(), sum.ToString()));
      }
    } else {
      const Decimal sum = execution + output + effect + satisfaction;
      if (sum != rb->total_weight) {
        return Error(
            total_node->source(), "weights.total",
            fmt::format("{} does not equal execution + output + effect + satisfaction "
                        "= {} + {} + {} + {} = {}",
                        rb->total_weight.ToString(), execution.ToString(), output.ToString(),
                        effect.ToString(), satisfaction.ToString(), sum.ToString()));
      }
    }
    return Status::Ok();
  }

  Status ReadExecution(Rulebook* rb) const {
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(
        Table("execution", {"cap_percent", "decimals", "rounding", "explain_below_percent"}, &t));
    const toml::node* node = nullptr;
    RB_RETURN_IF_ERROR(
        ReadDecimal(*t, "execution", "cap_percent", &rb->execution_cap_percent, &node));
    RB_RETURN_IF_ERROR(
        CheckPercent(*node, "execution.cap_percent", rb->execution_cap_percent, true));
    RB_RETURN_IF_ERROR(ReadDecimals(*t, "execution", &rb->execution_decimals));
    RB_RETURN_IF_ERROR(ReadRounding(*t, "execution", &rb->execution_rounding));
    RB_RETURN_IF_ERROR(
        ReadDecimal(*t, "execution", "explain_below_percent", &rb->explain_below_percent, &node));
    return CheckPercent(*node, "execution.explain_below_percent", rb->explain_below_percent, false);
  }

  Status ReadReverse(Rulebook* rb) const {
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(Table("reverse", {"variant"}, &t));
    size_t variant = 0;
    RB_RETURN_IF_ERROR(
        ReadChoice(*t, "reverse", "variant", {"ratio", "linear_to_zero_at_double"}, &variant));
    rb->reverse = variant == 0 ? ReverseVariant::kRatio : ReverseVariant::kLinearToZeroAtDouble;
    return Status::Ok();
  }

  Status ReadPolicy(Rulebook* rb) const {
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(Table("policy",
                             {"overshoot_percent", "qualitative_share_percent",
                              "score_above_execution_points", "rough_flat_percent"},
                             &t));
    const struct {
      const char* key;
      Decimal* out;
    } keys[] = {{"overshoot_percent", &rb->overshoot_percent},
                {"qualitative_share_percent", &rb->qualitative_share_percent},
                {"score_above_execution_points", &rb->score_above_execution_points},
                {"rough_flat_percent", &rb->rough_flat_percent}};
    for (const auto& k : keys) {
      const toml::node* node = nullptr;
      RB_RETURN_IF_ERROR(ReadDecimal(*t, "policy", k.key, k.out, &node));
      if (k.out->sign() < 0) {
        return Error(node->source(), std::string("policy.") + k.key, "must not be negative");
      }
    }
    return Status::Ok();
  }

  Status ReadThreePublic(Rulebook* rb) const {
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(Table("three_public", {"basis"}, &t));
    size_t basis = 0;
    RB_RETURN_IF_ERROR(ReadChoice(*t, "three_public", "basis", {"final", "budget"}, &basis));
    rb->three_public_basis = basis == 0 ? ThreePublicBasis::kFinal : ThreePublicBasis::kBudget;
    return Status::Ok();
  }

  Status ReadScale(const toml::table& t, Rulebook* rb) const {
    const toml::node* node = nullptr;
    RB_RETURN_IF_ERROR(Require(t, "qualitative", "scale", &node));
    const auto* levels = node->as_array();
    if (levels == nullptr) {
      return Error(
          node->source(), "qualitative.scale",
          fmt::format("expected an array of levels (arrays of words), found {}", TypeName(*node)));
    }
    if (levels->empty()) {
      return Error(node->source(), "qualitative.scale", "must list at least one level");
    }
    std::map<std::string, std::string, std::less<>> seen;  // word → where it was listed
    for (size_t i = 0; i < levels->size(); ++i) {
      const toml::node& level_node = *levels->get(i);
      const std::string level_path = IndexPath("qualitative.scale", i);
      const auto* words = level_node.as_array();
      if (words == nullptr) {
        return Error(level_node.source(), level_path,
                     fmt::format("expected an array of words, found {}", TypeName(level_node)));
      }
      if (words->empty()) {
        return Error(level_node.source(), level_path, "a level must list at least one word");
      }
      std::vector<std::string> level;
      for (size_t j = 0; j < words->size(); ++j) {
        const toml::node& word_node = *words->get(j);
        const std::string word_path = IndexPath(level_path, j);
        const auto* word = word_node.as_string();
        if (word == nullptr) {
          return Error(word_node.source(), word_path,
                       fmt::format("expected a string, found {}", TypeName(word_node)));
        }
        const std::string& w = word->get();
        if (IsBlank(w)) return Error(word_node.source(), word_path, "a word must not be empty");
        if (TrimBlank(w).size() != w.size()) {
          return Error(word_node.source(), word_path,
                       fmt::format("\"{}\" begins or ends with a blank", w));
        }
        auto [it, inserted] = seen.emplace(w, word_path);
        if (!inserted) {
          return Error(word_node.source(), word_path,
                       fmt::format("\"{}\" is already listed at {}", w, it->second));
        }
        level.push_back(w);
      }
      rb->ordinal_scale.push_back(std::move(level));
    }
    return Status::Ok();
  }

  Status ReadBand(const toml::table& t, std::string_view key, ScoreBand* out,
                  const toml::node** node_out) const {
    const std::string path = KeyPath("qualitative", key);
    RB_RETURN_IF_ERROR(Require(t, "qualitative", key, node_out));
    const toml::node& node = **node_out;
    const auto* bounds = node.as_array();
    if (bounds == nullptr || bounds->size() != 2) {
      const std::string found = bounds != nullptr ? fmt::format("an array of {}", bounds->size())
                                                  : std::string(TypeName(node));
      return Error(node.source(), path,
                   fmt::format("expected [lo, hi], two percents, found {}", found));
    }
    Decimal* ends[] = {&out->lo_percent, &out->hi_percent};
    for (size_t i = 0; i < 2; ++i) {
      const toml::node& end = *bounds->get(i);
      const std::string end_path = IndexPath(path, i);
      RB_RETURN_IF_ERROR(DecimalValue(end, end_path, ends[i]));
      RB_RETURN_IF_ERROR(CheckPercent(end, end_path, *ends[i], false));
    }
    if (out->lo_percent > out->hi_percent) {
      return Error(node.source(), path,
                   fmt::format("lo {} is above hi {}", out->lo_percent.ToString(),
                               out->hi_percent.ToString()));
    }
    return Status::Ok();
  }

  Status ReadQualitative(Rulebook* rb) const {
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(Table("qualitative", {"scale", "achieved", "partial", "not_achieved"}, &t));
    RB_RETURN_IF_ERROR(ReadScale(*t, rb));
    const toml::node* achieved = nullptr;
    const toml::node* partial = nullptr;
    const toml::node* not_achieved = nullptr;
    RB_RETURN_IF_ERROR(ReadBand(*t, "achieved", &rb->achieved, &achieved));
    RB_RETURN_IF_ERROR(ReadBand(*t, "partial", &rb->partial, &partial));
    RB_RETURN_IF_ERROR(ReadBand(*t, "not_achieved", &rb->not_achieved, &not_achieved));
    // Each band lies at or below the better one (they may share an end: 60–80, 80–100).
    const auto band_text = [](const ScoreBand& b) {
      return fmt::format("[{}, {}]", b.lo_percent.ToString(), b.hi_percent.ToString());
    };
    if (rb->partial.hi_percent > rb->achieved.lo_percent) {
      return Error(
          partial->source(), "qualitative.partial",
          fmt::format("{} overlaps achieved {}", band_text(rb->partial), band_text(rb->achieved)));
    }
    if (rb->not_achieved.hi_percent > rb->partial.lo_percent) {
      return Error(not_achieved->source(), "qualitative.not_achieved",
                   fmt::format("{} overlaps partial {}", band_text(rb->not_achieved),
                               band_text(rb->partial)));
    }
    return Status::Ok();
  }

  // Where each grade's values were written, for messages about the bands as a whole.
  struct GradeNodes {
    const toml::node* min = nullptr;
    const toml::node* max = nullptr;
    const toml::node* max_inclusive = nullptr;
  };

  Status ReadGrades(Rulebook* rb) const {
    const toml::node* node = root_.get("grades");
    if (node == nullptr) return Error(root_.source(), "grades", "missing [[grades]] tables");
    const auto* grades = node->as_array();
    if (grades == nullptr) {
      return Error(
          node->source(), "grades",
          fmt::format("expected an array of tables ([[grades]]), found {}", TypeName(*node)));
    }
    if (grades->empty()) return Error(node->source(), "grades", "must list at least one grade");

    std::vector<GradeNodes> where;
    for (size_t i = 0; i < grades->size(); ++i) {
      const toml::node& grade_node = *grades->get(i);
      const std::string path = IndexPath("grades", i);
      const auto* t = grade_node.as_table();
      if (t == nullptr) {
        return Error(grade_node.source(), path,
                     fmt::format("expected a table, found {}", TypeName(grade_node)));
      }
      RB_RETURN_IF_ERROR(CheckKeys(*t, path, {"name", "min", "max", "max_inclusive"}));
      GradeBand band;
      GradeNodes nodes;
      const toml::node* name_node = nullptr;
      RB_RETURN_IF_ERROR(ReadString(*t, path, "name", &band.name, &name_node));
      if (IsBlank(band.name))
        return Error(name_node->source(), path + ".name", "must not be empty");
      for (size_t k = 0; k < rb->grades.size(); ++k) {
        if (rb->grades[k].name == band.name) {
          return Error(name_node->source(), path + ".name",
                       fmt::format("\"{}\" is already the name of grades[{}]", band.name, k));
        }
      }
      RB_RETURN_IF_ERROR(ReadDecimal(*t, path, "min", &band.min, &nodes.min));
      RB_RETURN_IF_ERROR(ReadDecimal(*t, path, "max", &band.max, &nodes.max));
      RB_RETURN_IF_ERROR(
          ReadBool(*t, path, "max_inclusive", &band.max_inclusive, &nodes.max_inclusive));
      if (band.min > band.max) {
        return Error(
            t->source(), path,
            fmt::format("min {} is above max {}", band.min.ToString(), band.max.ToString()));
      }
      if (band.min == band.max && !band.max_inclusive) {
        return Error(t->source(), path,
                     fmt::format("[{}, {}) is empty", band.min.ToString(), band.max.ToString()));
      }
      rb->grades.push_back(std::move(band));
      where.push_back(nodes);
    }
    return CheckGradeCoverage(*rb, where);
  }

  // Grades, best first, must cover [0, total] with neither gaps nor overlaps.
  Status CheckGradeCoverage(const Rulebook& rb, const std::vector<GradeNodes>& where) const {
    const std::vector<GradeBand>& g = rb.grades;
    for (size_t i = 1; i < g.size(); ++i) {
      if (!(g[i].min < g[i - 1].min)) {
        return Error(where[i].min->source(), IndexPath("grades", i) + ".min",
                     fmt::format("{} is not below grades[{}].min {} (list grades best first)",
                                 g[i].min.ToString(), i - 1, g[i - 1].min.ToString()));
      }
    }
    const std::string total = rb.total_weight.ToString();
    if (g[0].max != rb.total_weight) {
      return Error(
          where[0].max->source(), "grades[0].max",
          fmt::format("the best grade must end at total {}, found {}", total, g[0].max.ToString()));
    }
    if (!g[0].max_inclusive) {
      return Error(
          where[0].max_inclusive->source(), "grades[0].max_inclusive",
          fmt::format("the best grade must include total {}: set max_inclusive = true", total));
    }
    for (size_t i = 1; i < g.size(); ++i) {
      const std::string path = IndexPath("grades", i);
      const GradeBand& better = g[i - 1];
      const GradeBand& band = g[i];
      if (band.max < better.min) {
        return Error(where[i].max->source(), path + ".max",
                     fmt::format("{} leaves a gap below grades[{}].min {}", band.max.ToString(),
                                 i - 1, better.min.ToString()));
      }
      if (band.max > better.min) {
        return Error(where[i].max->source(), path + ".max",
                     fmt::format("{} overlaps grades[{}], which starts at {}", band.max.ToString(),
                                 i - 1, better.min.ToString()));
      }
      if (band.max_inclusive) {
        return Error(where[i].max_inclusive->source(), path + ".max_inclusive",
                     fmt::format("{} is also in grades[{}]: set max_inclusive = false",
                                 band.max.ToString(), i - 1));
      }
    }
    if (!g.back().min.is_zero()) {
      return Error(
          where.back().min->source(), IndexPath("grades", g.size() - 1) + ".min",
          fmt::format("the lowest grade must start at 0, found {}", g.back().min.ToString()));
    }
    return Status::Ok();
  }

  std::string_view text_;
  const std::string& source_;
  const toml::table& root_;
};

// Code points in a UTF-8 string.
size_t CodePointCount(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) NextCodePoint(text, &pos);
  return count;
}

std::string BundledIdList() {
  std::string out;
  for (int i = 0; i < kBundledRulebookCount; ++i) {
    if (!out.empty()) out += ", ";
    out += kBundledRulebooks[i].id;
  }
  return out;
}

}  // namespace

Result<Rulebook> ParseRulebook(std::string_view toml_text, const std::string& source_name) {
  try {
    toml::table root;
    try {
      root = toml::parse(toml_text, std::string_view(source_name));
    } catch (const toml::parse_error& e) {
      const toml::source_position& at = e.source().begin;
      return Status::InvalidArgument(
          fmt::format("{}:{}:{}: {}", source_name, at.line, at.column, e.description()));
    }
    Rulebook rb;
    rb.source = source_name;
    Status status = Reader(toml_text, source_name, root).Read(&rb);
    if (!status.ok()) return status;
    return rb;
  } catch (const std::exception& e) {  // allocation failure; nothing else throws here
    return Status::InvalidArgument(fmt::format("{}: {}", source_name, e.what()));
  } catch (...) {
    return Status::InvalidArgument(fmt::format("{}: unexpected error", source_name));
  }
}

Result<Rulebook> LoadRulebookFile(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return Status::IOError(
        fmt::format("cannot read {}: {}", path, std::generic_category().message(errno)));
  }
  std::string text;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  const int error = errno;
  std::fclose(file);
  if (failed) {
    return Status::IOError(
        fmt::format("cannot read {}: {}", path, std::generic_category().message(error)));
  }
  return ParseRulebook(text, path);
}

Result<Rulebook> BundledRulebook(std::string_view id) {
  for (int i = 0; i < kBundledRulebookCount; ++i) {
    const BundledRulebookText& bundled = kBundledRulebooks[i];
    if (id != bundled.id) continue;
    Result<Rulebook> rb = ParseRulebook(bundled.toml, fmt::format("bundled:{}", id));
    if (rb.ok() && rb->id != id) {
      return Status::Corruption(
          fmt::format("bundled:{}: rulebook.id is \"{}\", expected \"{}\"", id, rb->id, id));
    }
    return rb;
  }
  return Status::NotFound(
      fmt::format("no bundled rulebook \"{}\" (bundled: {})", id, BundledIdList()));
}

std::vector<std::string> BundledRulebookIds() {
  std::vector<std::string> ids;
  for (int i = 0; i < kBundledRulebookCount; ++i) ids.emplace_back(kBundledRulebooks[i].id);
  return ids;
}

Result<Rulebook> ResolveRulebook(const std::string& id_or_path) {
  for (int i = 0; i < kBundledRulebookCount; ++i) {
    if (id_or_path == kBundledRulebooks[i].id) return BundledRulebook(id_or_path);
  }
  Result<Rulebook> rb = LoadRulebookFile(id_or_path);
  // A bare name (no '/', no '.') that is no file was most likely meant as a bundled id.
  if (!rb.ok() && rb.status().code() == Status::Code::kIOError &&
      id_or_path.find_first_of("/.") == std::string::npos) {
    return Status::IOError(
        fmt::format("{} (bundled rulebooks: {})", rb.status().message(), BundledIdList()));
  }
  return rb;
}

int OrdinalLevel(const Rulebook& rulebook, std::string_view word) {
  int level = -1;
  size_t longest = 0;
  for (size_t i = 0; i < rulebook.ordinal_scale.size(); ++i) {
    for (const std::string& listed : rulebook.ordinal_scale[i]) {
      if (listed.empty() || word.find(listed) == std::string_view::npos) continue;
      const size_t length = CodePointCount(listed);
      if (length > longest) {  // strictly longer: a tie keeps the better level
        longest = length;
        level = static_cast<int>(i);
      }
    }
  }
  return level;
}

std::string GradeOf(const Rulebook& rulebook, const Decimal& total) {
  if (!total.valid()) return "";
  for (const GradeBand& band : rulebook.grades) {
    const bool below_max = total < band.max || (band.max_inclusive && total == band.max);
    if (total >= band.min && below_max) return band.name;
  }
  return "";
}

#undef RB_RETURN_IF_ERROR

}  // namespace jixiao
