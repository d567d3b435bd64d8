// Rulebook loading: parses rulebooks/*.toml with toml++, validates every table and key
// against docs/rulebook-format.md (the first problem found becomes an InvalidArgument that
// names the source, line, column and key), and answers the two lookups scorers need: the
// ordinal level of a qualitative word and the grade of a total.
//
// The TOML reading every configuration file shares (bounded file reading, located errors, key
// checks with suggestions) is base/toml_reader.h's; messages are in the language in force.
#include "rules/rulebook.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <exception>
#include <map>
#include <utility>

#include "base/lang.h"
#include "base/text.h"
#include "base/toml_reader.h"
#include "rules/bundled_rulebooks.h"

namespace jixiao {
namespace {

#define RB_RETURN_IF_ERROR(expr)           \
  do {                                     \
    Status rb_status = (expr);             \
    if (!rb_status.ok()) return rb_status; \
  } while (0)

constexpr int kMaxDecimals = 6;

// Reads the tables of one rulebook, stopping at the first problem.
class Reader : public TomlReader {
 public:
  using TomlReader::TomlReader;

  Status Read(Rulebook* rb) {
    RB_RETURN_IF_ERROR(
        CheckKeys(root(), "",
                  {"rulebook", "weights", "execution", "scores", "rates", "reverse", "qualitative",
                   "grades", "three_public", "policy", "dates", "risk", "indicator_library",
                   // rubric rules (optional)
                   "rubric", "categories", "metrics", "rules"}));
    RB_RETURN_IF_ERROR(ReadRulebookTable(rb));
    RB_RETURN_IF_ERROR(ReadCategories(rb));  // rubric rules: before the weights they add to
    RB_RETURN_IF_ERROR(ReadWeights(rb));
    RB_RETURN_IF_ERROR(ReadExecution(rb));
    RB_RETURN_IF_ERROR(ReadDecimalsAndRounding("scores", &rb->score_decimals, &rb->score_rounding));
    RB_RETURN_IF_ERROR(ReadDecimalsAndRounding("rates", &rb->rate_decimals, &rb->rate_rounding));
    RB_RETURN_IF_ERROR(ReadReverse(rb));
    RB_RETURN_IF_ERROR(ReadIndicatorLibrary(rb));
    RB_RETURN_IF_ERROR(ReadQualitative(rb));
    RB_RETURN_IF_ERROR(ReadGrades(rb));
    RB_RETURN_IF_ERROR(ReadThreePublic(rb));
    RB_RETURN_IF_ERROR(ReadPolicy(rb));
    RB_RETURN_IF_ERROR(ReadDates(rb));
    RB_RETURN_IF_ERROR(ReadRisk(rb));
    return ReadRubricRules(rb);  // rubric rules
  }

 private:
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
                     TrF("“{}”不是小数（数字，可带“-”和“.”，如 \"87.5\"）",
                         "\"{}\" is not a decimal number (digits with an optional '-' "
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
                     TrF("{0} 是 TOML 浮点数，会丢失所写的小数位；请写成字符串：\"{0}\"",
                         "{0} is a TOML float, which loses its written decimals; write it "
                         "as a string: \"{0}\"",
                         written));
      }
      return Error(node.source(), path,
                   Tr("TOML 浮点数会丢失所写的小数位；请把数写成字符串，如 \"87.5\"",
                      "a TOML float loses its written decimals; write the number as a string, "
                      "such as \"87.5\""));
    }
    return Error(node.source(), path,
                 TrF("应为小数字符串或整数，实为{}",
                     "expected a decimal string or an integer, found {}", TomlTypeName(node)));
  }

  Status ReadDecimal(const toml::table& table, std::string_view path, std::string_view key,
                     Decimal* out, const toml::node** node_out = nullptr) const {
    const toml::node* node = nullptr;
    RB_RETURN_IF_ERROR(Require(table, path, key, &node));
    if (node_out != nullptr) *node_out = node;
    return DecimalValue(*node, TomlKeyPath(path, key), out);
  }

  Status ReadDecimals(const toml::table& table, std::string_view path, int* out) const {
    return ReadInt(table, path, "decimals", 0, kMaxDecimals, out);
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
                   positive ? TrF("应大于 0 且不超过 100，实为 {}",
                                  "must be above 0 and at most 100, found {}", value.ToString())
                            : TrF("应在 0 到 100 之间，实为 {}", "must be from 0 to 100, found {}",
                                  value.ToString()));
    }
    return Status::Ok();
  }

  Status ReadRulebookTable(Rulebook* rb) const {
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(Table("rulebook", {"id", "name", "description"}, &t));
    const toml::node* id_node = nullptr;
    RB_RETURN_IF_ERROR(ReadString(*t, "rulebook", "id", &rb->id, &id_node));
    if (rb->id.empty()) {
      return Error(id_node->source(), "rulebook.id", Tr("不能为空", "must not be empty"));
    }
    for (char c : rb->id) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        return Error(
            id_node->source(), "rulebook.id",
            TrF("“{}”只能使用 a-z、0-9 和“-”", "\"{}\" may use only a-z, 0-9 and '-'", rb->id));
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
        return Error(node->source(), TomlKeyPath("weights", key),
                     TrF("不能为负数，实为 {}", "must not be negative, found {}", out->ToString()));
      }
      if (key == "satisfaction") satisfaction_node = node;
    }
    const toml::node* total_node = nullptr;
    RB_RETURN_IF_ERROR(ReadDecimal(*t, "weights", "total", &rb->total_weight, &total_node));
    if (rb->total_weight.sign() <= 0) {
      return Error(
          total_node->source(), "weights.total",
          TrF("应大于 0，实为 {}", "must be above 0, found {}", rb->total_weight.ToString()));
    }

    if (!rb->rubric.categories.empty()) return CheckWeightsWithCategories(*rb, total_node);
    const Decimal& execution = rb->execution_weight;
    const Decimal& output = rb->output_weight;
    const Decimal& effect = rb->effect_weight;
    const Decimal& satisfaction = rb->satisfaction_weight;
    if (rb->satisfaction_layout == SatisfactionLayout::kUnderEffect) {
      if (satisfaction > effect) {
        return Error(satisfaction_node->source(), "weights.satisfaction",
                     TrF("{} 大于 effect {}（under_effect：effect 已包含 satisfaction）",
                         "{} is above effect {} (under_effect: effect includes satisfaction)",
                         satisfaction.ToString(), effect.ToString()));
      }
      const Decimal sum = execution + output + effect;
      if (sum != rb->total_weight) {
        return Error(total_node->source(), "weights.total",
                     TrF("{} 不等于 execution + output + effect = {} + {} + {} = {}"
                         "（under_effect：effect 已包含 satisfaction）",
                         "{} does not equal execution + output + effect = {} + {} + {} = "
                         "{} (under_effect: effect includes satisfaction)",
                         rb->total_weight.ToString(), execution.ToString(), output.ToString(),
                         effect.ToString(), sum.ToString()));
      }
    } else {
      const Decimal sum = execution + output + effect + satisfaction;
      if (sum != rb->total_weight) {
        return Error(
            total_node->source(), "weights.total",
            TrF("{} 不等于 execution + output + effect + satisfaction = {} + {} + {} + {} = {}",
                "{} does not equal execution + output + effect + satisfaction "
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

  // An optional array of non-blank strings.
  Status ReadWords(const toml::table& t, std::string_view path, std::string_view key,
                   std::vector<std::string>* out) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return Status::Ok();
    const std::string key_path = TomlKeyPath(path, key);
    const auto* array = node->as_array();
    if (array == nullptr) {
      return Error(node->source(), key_path,
                   TrF("应为字符串的数组，实为{}", "expected an array of strings, found {}",
                       TomlTypeName(*node)));
    }
    for (size_t i = 0; i < array->size(); ++i) {
      const toml::node& item = *array->get(i);
      const auto* word = item.as_string();
      if (word == nullptr || IsBlank(word->get())) {
        return Error(item.source(), TomlIndexPath(key_path, i),
                     Tr("应为非空字符串", "expected a non-empty string"));
      }
      out->push_back(std::string(TrimBlank(word->get())));
    }
    return Status::Ok();
  }

  // [[indicator_library]] (optional): entries of names, groups and units, each with a direction.
  Status ReadIndicatorLibrary(Rulebook* rb) const {
    const toml::node* node = root().get("indicator_library");
    if (node == nullptr) return Status::Ok();
    const auto* entries = node->as_array();
    if (entries == nullptr) {
      return Error(node->source(), "indicator_library",
                   TrF("应为表的数组（[[indicator_library]]），实为{}",
                       "expected an array of tables ([[indicator_library]]), found {}",
                       TomlTypeName(*node)));
    }
    for (size_t i = 0; i < entries->size(); ++i) {
      const std::string path = TomlIndexPath("indicator_library", i);
      const auto* t = entries->get(i)->as_table();
      if (t == nullptr) {
        return Error(
            entries->get(i)->source(), path,
            TrF("应为表，实为{}", "expected a table, found {}", TomlTypeName(*entries->get(i))));
      }
      RB_RETURN_IF_ERROR(
          CheckKeys(*t, path, {"id", "names", "groups", "except", "units", "direction"}));
      IndicatorPattern entry;
      RB_RETURN_IF_ERROR(ReadNonBlankString(*t, path, "id", &entry.id));
      for (const IndicatorPattern& other : rb->indicator_library) {
        if (other.id == entry.id) {
          return Error(
              t->source(), path + ".id",
              TrF("“{}”已是另一条的 id", "\"{}\" is already the id of another entry", entry.id));
        }
      }
      RB_RETURN_IF_ERROR(ReadWords(*t, path, "names", &entry.names));
      RB_RETURN_IF_ERROR(ReadWords(*t, path, "groups", &entry.groups));
      RB_RETURN_IF_ERROR(ReadWords(*t, path, "except", &entry.except));
      RB_RETURN_IF_ERROR(ReadWords(*t, path, "units", &entry.units));
      if (entry.names.empty() && entry.groups.empty()) {
        return Error(t->source(), path,
                     Tr("names 与 groups 至少要列出一项", "list at least one of names or groups"));
      }
      size_t direction = 0;
      RB_RETURN_IF_ERROR(
          ReadChoice(*t, path, "direction", {"lower", "higher", "equal"}, &direction));
      entry.direction = direction == 0   ? Direction::kLowerBetter
                        : direction == 1 ? Direction::kHigherBetter
                                         : Direction::kEqual;
      rb->indicator_library.push_back(std::move(entry));
    }
    return Status::Ok();
  }

  Status ReadPolicy(Rulebook* rb) const {
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(
        Table("policy",
              {"overshoot_percent", "qualitative_share_percent", "score_above_execution_points",
               "rough_flat_percent", "over_budget_percent"},
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
        return Error(node->source(), std::string("policy.") + k.key,
                     Tr("不能为负数", "must not be negative"));
      }
    }
    // Optional: spending above this percent of the budget (P909); 100 when absent.
    if (const toml::node* node = t->get("over_budget_percent")) {
      RB_RETURN_IF_ERROR(
          DecimalValue(*node, "policy.over_budget_percent", &rb->over_budget_percent));
      if (rb->over_budget_percent.sign() < 0) {
        return Error(node->source(), "policy.over_budget_percent",
                     Tr("不能为负数", "must not be negative"));
      }
    }
    return Status::Ok();
  }

  // "MM-DD": two digits, '-', two digits, a day that the month can have (02-29 included).
  Status MonthDayValue(const toml::node& node, std::string_view path, MonthDay* out) const {
    const auto* s = node.as_string();
    if (s == nullptr) {
      return Error(node.source(), path,
                   TrF("应为字符串，实为{}", "expected a string, found {}", TomlTypeName(node)));
    }
    const std::string& text = s->get();
    const auto digit = [&](size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool ok = text.size() == 5 && digit(0) && digit(1) && text[2] == '-' && digit(3) && digit(4);
    if (ok) {
      out->month = (text[0] - '0') * 10 + (text[1] - '0');
      out->day = (text[3] - '0') * 10 + (text[4] - '0');
      ok =
          out->month >= 1 && out->month <= 12 && out->day >= 1 && out->day <= kDays[out->month - 1];
    }
    if (!ok) {
      return Error(node.source(), path,
                   TrF("“{}”不是月日（\"MM-DD\"，如 \"05-31\"）",
                       "\"{}\" is not a month and day (\"MM-DD\", such as \"05-31\")", text));
    }
    return Status::Ok();
  }

  // [risk] (optional): weights and thresholds of the review's signals, each key optional.
  Status ReadRisk(Rulebook* rb) const {
    const toml::node* table = root().get("risk");
    if (table == nullptr) return Status::Ok();
    RiskRules& r = rb->risk;
    const struct {
      const char* key;
      Decimal* out;
    } keys[] = {{"error_weight", &r.error_weight},
                {"inconsistency_weight", &r.inconsistency_weight},
                {"unevidenced_full_marks_weight", &r.unevidenced_full_marks_weight},
                {"score_above_execution_weight", &r.score_above_execution_weight},
                {"score_above_execution_points", &r.score_above_execution_points},
                {"execution_low_weight", &r.execution_low_weight},
                {"execution_low_percent", &r.execution_low_percent},
                {"execution_high_weight", &r.execution_high_weight},
                {"execution_high_percent", &r.execution_high_percent},
                {"adjustment_weight", &r.adjustment_weight},
                {"adjustment_percent", &r.adjustment_percent},
                {"year_jump_weight", &r.year_jump_weight},
                {"year_jump_points", &r.year_jump_points},
                {"year_jump_percent", &r.year_jump_percent},
                {"late_weight", &r.late_weight}};
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(
        Table("risk",
              {"error_weight", "inconsistency_weight", "unevidenced_full_marks_weight",
               "score_above_execution_weight", "score_above_execution_points",
               "execution_low_weight", "execution_low_percent", "execution_high_weight",
               "execution_high_percent", "adjustment_weight", "adjustment_percent",
               "year_jump_weight", "year_jump_points", "year_jump_percent", "late_weight"},
              &t));
    for (const auto& k : keys) {
      const toml::node* node = t->get(k.key);
      if (node == nullptr) continue;
      const std::string path = std::string("risk.") + k.key;
      RB_RETURN_IF_ERROR(DecimalValue(*node, path, k.out));
      if (k.out->sign() < 0)
        return Error(node->source(), path, Tr("不能为负数", "must not be negative"));
    }
    return Status::Ok();
  }

  // [dates] (optional): the window of the report's date, in the year after the fiscal year.
  Status ReadDates(Rulebook* rb) const {
    const toml::node* table = root().get("dates");
    if (table == nullptr) return Status::Ok();
    const toml::table* t = nullptr;
    RB_RETURN_IF_ERROR(Table("dates", {"submit_from", "submit_until"}, &t));
    const struct {
      const char* key;
      std::optional<MonthDay>* out;
    } keys[] = {{"submit_from", &rb->submit_from}, {"submit_until", &rb->submit_until}};
    for (const auto& k : keys) {
      const toml::node* node = t->get(k.key);
      if (node == nullptr) continue;
      MonthDay day;
      RB_RETURN_IF_ERROR(MonthDayValue(*node, std::string("dates.") + k.key, &day));
      *k.out = day;
    }
    if (rb->submit_from && rb->submit_until && *rb->submit_until < *rb->submit_from) {
      const toml::node* node = t->get("submit_until");
      return Error(node->source(), "dates.submit_until",
                   TrF("{} 早于 submit_from {}", "{} is before submit_from {}",
                       node->as_string()->get(), t->get("submit_from")->as_string()->get()));
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
          TrF("应为等级的数组（每级是词语的数组），实为{}",
              "expected an array of levels (arrays of words), found {}", TomlTypeName(*node)));
    }
    if (levels->empty()) {
      return Error(node->source(), "qualitative.scale",
                   Tr("至少要列出一档", "must list at least one level"));
    }
    std::map<std::string, std::string, std::less<>> seen;  // word → where it was listed
    for (size_t i = 0; i < levels->size(); ++i) {
      const toml::node& level_node = *levels->get(i);
      const std::string level_path = TomlIndexPath("qualitative.scale", i);
      const auto* words = level_node.as_array();
      if (words == nullptr) {
        return Error(level_node.source(), level_path,
                     TrF("应为词语的数组，实为{}", "expected an array of words, found {}",
                         TomlTypeName(level_node)));
      }
      if (words->empty()) {
        return Error(level_node.source(), level_path,
                     Tr("每档至少要列出一个词语", "a level must list at least one word"));
      }
      std::vector<std::string> level;
      for (size_t j = 0; j < words->size(); ++j) {
        const toml::node& word_node = *words->get(j);
        const std::string word_path = TomlIndexPath(level_path, j);
        const auto* word = word_node.as_string();
        if (word == nullptr) {
          return Error(
              word_node.source(), word_path,
              TrF("应为字符串，实为{}", "expected a string, found {}", TomlTypeName(word_node)));
        }
        const std::string& w = word->get();
        if (IsBlank(w)) {
          return Error(word_node.source(), word_path,
                       Tr("词语不能为空", "a word must not be empty"));
        }
        if (TrimBlank(w).size() != w.size()) {
          return Error(word_node.source(), word_path,
                       TrF("“{}”的开头或结尾有空白", "\"{}\" begins or ends with a blank", w));
        }
        auto [it, inserted] = seen.emplace(w, word_path);
        if (!inserted) {
          return Error(word_node.source(), word_path,
                       TrF("“{}”已列在 {}", "\"{}\" is already listed at {}", w, it->second));
        }
        level.push_back(w);
      }
      rb->ordinal_scale.push_back(std::move(level));
    }
    return Status::Ok();
  }

  Status ReadBand(const toml::table& t, std::string_view key, ScoreBand* out,
                  const toml::node** node_out) const {
    const std::string path = TomlKeyPath("qualitative", key);
    RB_RETURN_IF_ERROR(Require(t, "qualitative", key, node_out));
    const toml::node& node = **node_out;
    const auto* bounds = node.as_array();
    if (bounds == nullptr || bounds->size() != 2) {
      const std::string found = bounds != nullptr
                                    ? TrF("{} 个元素的数组", "an array of {}", bounds->size())
                                    : TomlTypeName(node);
      return Error(node.source(), path,
                   TrF("应为 [lo, hi] 两个百分数，实为{}",
                       "expected [lo, hi], two percents, found {}", found));
    }
    Decimal* ends[] = {&out->lo_percent, &out->hi_percent};
    for (size_t i = 0; i < 2; ++i) {
      const toml::node& end = *bounds->get(i);
      const std::string end_path = TomlIndexPath(path, i);
      RB_RETURN_IF_ERROR(DecimalValue(end, end_path, ends[i]));
      RB_RETURN_IF_ERROR(CheckPercent(end, end_path, *ends[i], false));
    }
    if (out->lo_percent > out->hi_percent) {
      return Error(node.source(), path,
                   TrF("lo {} 大于 hi {}", "lo {} is above hi {}", out->lo_percent.ToString(),
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
      return Error(partial->source(), "qualitative.partial",
                   TrF("{} 与 achieved {} 重叠", "{} overlaps achieved {}", band_text(rb->partial),
                       band_text(rb->achieved)));
    }
    if (rb->not_achieved.hi_percent > rb->partial.lo_percent) {
      return Error(not_achieved->source(), "qualitative.not_achieved",
                   TrF("{} 与 partial {} 重叠", "{} overlaps partial {}",
                       band_text(rb->not_achieved), band_text(rb->partial)));
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
    const toml::node* node = root().get("grades");
    if (node == nullptr) {
      return Error(root().source(), "grades",
                   Tr("缺少 [[grades]] 表", "missing [[grades]] tables"));
    }
    const auto* grades = node->as_array();
    if (grades == nullptr) {
      return Error(node->source(), "grades",
                   TrF("应为表的数组（[[grades]]），实为{}",
                       "expected an array of tables ([[grades]]), found {}", TomlTypeName(*node)));
    }
    if (grades->empty()) {
      return Error(node->source(), "grades",
                   Tr("至少要列出一个等级", "must list at least one grade"));
    }

    std::vector<GradeNodes> where;
    for (size_t i = 0; i < grades->size(); ++i) {
      const toml::node& grade_node = *grades->get(i);
      const std::string path = TomlIndexPath("grades", i);
      const auto* t = grade_node.as_table();
      if (t == nullptr) {
        return Error(grade_node.source(), path,
                     TrF("应为表，实为{}", "expected a table, found {}", TomlTypeName(grade_node)));
      }
      RB_RETURN_IF_ERROR(CheckKeys(*t, path, {"name", "min", "max", "max_inclusive"}));
      GradeBand band;
      GradeNodes nodes;
      const toml::node* name_node = nullptr;
      RB_RETURN_IF_ERROR(ReadString(*t, path, "name", &band.name, &name_node));
      if (IsBlank(band.name)) {
        return Error(name_node->source(), path + ".name", Tr("不能为空", "must not be empty"));
      }
      for (size_t k = 0; k < rb->grades.size(); ++k) {
        if (rb->grades[k].name == band.name) {
          return Error(name_node->source(), path + ".name",
                       TrF("“{}”已是 grades[{}] 的名称", "\"{}\" is already the name of grades[{}]",
                           band.name, k));
        }
      }
      RB_RETURN_IF_ERROR(ReadDecimal(*t, path, "min", &band.min, &nodes.min));
      RB_RETURN_IF_ERROR(ReadDecimal(*t, path, "max", &band.max, &nodes.max));
      RB_RETURN_IF_ERROR(
          ReadBool(*t, path, "max_inclusive", &band.max_inclusive, &nodes.max_inclusive));
      if (band.min > band.max) {
        return Error(t->source(), path,
                     TrF("min {} 大于 max {}", "min {} is above max {}", band.min.ToString(),
                         band.max.ToString()));
      }
      if (band.min == band.max && !band.max_inclusive) {
        return Error(t->source(), path,
                     TrF("[{}, {}) 是空区间", "[{}, {}) is empty", band.min.ToString(),
                         band.max.ToString()));
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
        return Error(where[i].min->source(), TomlIndexPath("grades", i) + ".min",
                     TrF("{} 不低于 grades[{}].min {}（等级请从最好的列起）",
                         "{} is not below grades[{}].min {} (list grades best first)",
                         g[i].min.ToString(), i - 1, g[i - 1].min.ToString()));
      }
    }
    const std::string total = rb.total_weight.ToString();
    if (g[0].max != rb.total_weight) {
      return Error(
          where[0].max->source(), "grades[0].max",
          TrF("最好的等级应止于总分 {}，实为 {}", "the best grade must end at total {}, found {}",
              total, g[0].max.ToString()));
    }
    if (!g[0].max_inclusive) {
      return Error(where[0].max_inclusive->source(), "grades[0].max_inclusive",
                   TrF("最好的等级应包含总分 {}：请设 max_inclusive = true",
                       "the best grade must include total {}: set max_inclusive = true", total));
    }
    for (size_t i = 1; i < g.size(); ++i) {
      const std::string path = TomlIndexPath("grades", i);
      const GradeBand& better = g[i - 1];
      const GradeBand& band = g[i];
      if (band.max < better.min) {
        return Error(
            where[i].max->source(), path + ".max",
            TrF("{} 与 grades[{}].min {} 之间留有空档", "{} leaves a gap below grades[{}].min {}",
                band.max.ToString(), i - 1, better.min.ToString()));
      }
      if (band.max > better.min) {
        return Error(
            where[i].max->source(), path + ".max",
            TrF("{0} 与从 {2} 起的 grades[{1}] 重叠", "{} overlaps grades[{}], which starts at {}",
                band.max.ToString(), i - 1, better.min.ToString()));
      }
      if (band.max_inclusive) {
        return Error(
            where[i].max_inclusive->source(), path + ".max_inclusive",
            TrF("{} 也属于 grades[{}]：请设 max_inclusive = false",
                "{} is also in grades[{}]: set max_inclusive = false", band.max.ToString(), i - 1));
      }
    }
    if (!g.back().min.is_zero()) {
      return Error(where.back().min->source(), TomlIndexPath("grades", g.size() - 1) + ".min",
                   TrF("最低的等级应从 0 起，实为 {}", "the lowest grade must start at 0, found {}",
                       g.back().min.ToString()));
    }
    return Status::Ok();
  }

  // ==== Rubric rules: [rubric], [[categories]], [[metrics]], [[rules]] ======================
  // Optional tables (docs/rulebook-format.md, "Rubric rules"); a rulebook without them scores
  // as before.

  // The array of tables `name` ([[name]]), or nullptr when absent.
  Status OptionalTables(std::string_view name, const toml::array** out) const {
    *out = nullptr;
    const toml::node* node = root().get(name);
    if (node == nullptr) return Status::Ok();
    const auto* array = node->as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      return Error(
          node->source(), name,
          TrF("应为表的数组（[[{0}]]），实为{1}",
              "expected an array of tables ([[{0}]]), found {1}", name, TomlTypeName(*node)));
    }
    *out = array;
    return Status::Ok();
  }

  // A name of a metric or rule: a-z, 0-9 and '_', starting with a letter.
  Status CheckRuleId(const toml::node& node, std::string_view path, const std::string& id) const {
    bool ok = !id.empty() && id[0] >= 'a' && id[0] <= 'z';
    for (char c : id) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    if (!ok) {
      return Error(node.source(), path,
                   TrF("“{}”应以 a-z 开头，只能使用 a-z、0-9 和“_”",
                       "\"{}\" must start with a-z and use only a-z, 0-9 and '_'", id));
    }
    return Status::Ok();
  }

  Status ReadNonNegative(const toml::table& t, std::string_view path, std::string_view key,
                         Decimal* out, const toml::node** node_out = nullptr) const {
    const toml::node* node = nullptr;
    RB_RETURN_IF_ERROR(ReadDecimal(t, path, key, out, &node));
    if (node_out != nullptr) *node_out = node;
    if (out->sign() < 0) {
      return Error(node->source(), TomlKeyPath(path, key),
                   TrF("不能为负数，实为 {}", "must not be negative, found {}", out->ToString()));
    }
    return Status::Ok();
  }

  Status ReadCategories(Rulebook* rb) const {
    const toml::array* categories = nullptr;
    RB_RETURN_IF_ERROR(OptionalTables("categories", &categories));
    if (categories == nullptr) return Status::Ok();
    if (categories->empty()) {
      return Error(root().get("categories")->source(), "categories",
                   Tr("至少要列出一个类别", "must list at least one category"));
    }
    for (size_t i = 0; i < categories->size(); ++i) {
      const toml::table& t = *categories->get(i)->as_table();
      const std::string path = TomlIndexPath("categories", i);
      RB_RETURN_IF_ERROR(CheckKeys(t, path, {"name", "weight"}));
      RubricCategory c;
      const toml::node* name_node = nullptr;
      RB_RETURN_IF_ERROR(ReadString(t, path, "name", &c.name, &name_node));
      if (IsBlank(c.name)) {
        return Error(name_node->source(), path + ".name", Tr("不能为空", "must not be empty"));
      }
      for (size_t k = 0; k < rb->rubric.categories.size(); ++k) {
        if (rb->rubric.categories[k].name == c.name) {
          return Error(name_node->source(), path + ".name",
                       TrF("“{}”已是 categories[{}] 的名称",
                           "\"{}\" is already the name of categories[{}]", c.name, k));
        }
      }
      RB_RETURN_IF_ERROR(ReadNonNegative(t, path, "weight", &c.weight));
      rb->rubric.categories.push_back(std::move(c));
    }
    return Status::Ok();
  }

  // With [[categories]], the weights add up with them: execution + output + effect
  // (+ satisfaction when top_level) + Σ categories = total.
  Status CheckWeightsWithCategories(const Rulebook& rb, const toml::node* total_node) const {
    Decimal categories;
    std::string names;
    for (const RubricCategory& c : rb.rubric.categories) {
      categories = categories + c.weight;
      names += " + " + c.weight.ToString();
    }
    const bool top = rb.satisfaction_layout == SatisfactionLayout::kTopLevel;
    const Decimal sum = rb.execution_weight + rb.output_weight + rb.effect_weight +
                        (top ? rb.satisfaction_weight : Decimal()) + categories;
    if (sum == rb.total_weight) return Status::Ok();
    const std::string parts =
        fmt::format("{} + {} + {}{}{}", rb.execution_weight.ToString(), rb.output_weight.ToString(),
                    rb.effect_weight.ToString(),
                    top ? " + " + rb.satisfaction_weight.ToString() : std::string(), names);
    return Error(
        total_node->source(), "weights.total",
        TrF("{} 不等于 execution + output + effect{} + categories = {} = {}",
            "{} does not equal execution + output + effect{} + categories = {} = {}",
            rb.total_weight.ToString(), top ? " + satisfaction" : "", parts, sum.ToString()));
  }

  Status ReadRubricRules(Rulebook* rb) const {
    if (root().get("rubric") != nullptr) {
      const toml::table* t = nullptr;
      RB_RETURN_IF_ERROR(Table("rubric", {"kind"}, &t));
      size_t kind = 0;
      RB_RETURN_IF_ERROR(ReadChoice(*t, "rubric", "kind", {"department", "project"}, &kind));
      rb->rubric.kind = kind == 0 ? RubricKind::kDepartment : RubricKind::kProject;
    }
    RB_RETURN_IF_ERROR(ReadMetrics(rb));
    return ReadRules(rb);
  }

  Status ReadMetrics(Rulebook* rb) const {
    const toml::array* metrics = nullptr;
    RB_RETURN_IF_ERROR(OptionalTables("metrics", &metrics));
    if (metrics == nullptr) return Status::Ok();
    for (size_t i = 0; i < metrics->size(); ++i) {
      const toml::table& t = *metrics->get(i)->as_table();
      const std::string path = TomlIndexPath("metrics", i);
      RB_RETURN_IF_ERROR(CheckKeys(t, path, {"id", "name", "formula"}));
      RubricMetric m;
      const toml::node* id_node = nullptr;
      RB_RETURN_IF_ERROR(ReadString(t, path, "id", &m.id, &id_node));
      RB_RETURN_IF_ERROR(CheckRuleId(*id_node, path + ".id", m.id));
      for (size_t k = 0; k < rb->rubric.metrics.size(); ++k) {
        if (rb->rubric.metrics[k].id == m.id) {
          return Error(id_node->source(), path + ".id",
                       TrF("“{}”已是 metrics[{}] 的 id", "\"{}\" is already the id of metrics[{}]",
                           m.id, k));
        }
      }
      RB_RETURN_IF_ERROR(ReadNonBlankString(t, path, "name", &m.name));
      const toml::node* formula_node = nullptr;
      RB_RETURN_IF_ERROR(ReadString(t, path, "formula", &m.formula, &formula_node));
      const auto metric_index = [rb](std::string_view id) {
        for (size_t k = 0; k < rb->rubric.metrics.size(); ++k) {
          if (rb->rubric.metrics[k].id == id) return static_cast<int>(k);
        }
        return -1;
      };
      FormulaError error;
      if (!ParseFormula(m.formula, metric_index, &m.parsed, &error)) {
        return Error(
            formula_node->source(), path + ".formula",
            TrF("第 {} 个字符：{}", "at character {}: {}", error.character, error.message));
      }
      rb->rubric.metrics.push_back(std::move(m));
    }
    return Status::Ok();
  }

  Status ReadRules(Rulebook* rb) const {
    const toml::array* rules = nullptr;
    RB_RETURN_IF_ERROR(OptionalTables("rules", &rules));
    if (rules == nullptr) return Status::Ok();
    for (size_t i = 0; i < rules->size(); ++i) {
      const toml::table& t = *rules->get(i)->as_table();
      const std::string path = TomlIndexPath("rules", i);
      RB_RETURN_IF_ERROR(CheckKeys(
          t, path,
          {"id", "name", "applies_to", "indicators", "category", "weight", "metric", "kind",
           "deduct_when", "threshold", "step", "deduct", "count", "bands", "full_at"}));
      RubricRule r;
      const toml::node* id_node = nullptr;
      RB_RETURN_IF_ERROR(ReadString(t, path, "id", &r.id, &id_node));
      RB_RETURN_IF_ERROR(CheckRuleId(*id_node, path + ".id", r.id));
      for (size_t k = 0; k < rb->rubric.rules.size(); ++k) {
        if (rb->rubric.rules[k].id == r.id) {
          return Error(
              id_node->source(), path + ".id",
              TrF("“{}”已是 rules[{}] 的 id", "\"{}\" is already the id of rules[{}]", r.id, k));
        }
      }
      RB_RETURN_IF_ERROR(ReadNonBlankString(t, path, "name", &r.name));
      size_t applies = 0;
      if (t.get("applies_to") != nullptr) {
        RB_RETURN_IF_ERROR(
            ReadChoice(t, path, "applies_to", {"indicators", "execution"}, &applies));
      }
      r.scores_execution = applies == 1;
      if (!r.scores_execution) {
        RB_RETURN_IF_ERROR(ReadWordList(t, path, "indicators", &r.matches));
      } else if (const toml::node* n = t.get("indicators")) {
        return Error(n->source(), path + ".indicators",
                     Tr("applies_to = \"execution\" 的规则评的是执行率得分，不列指标名称",
                        "a rule with applies_to = \"execution\" scores the execution line and "
                        "names no indicators"));
      }
      if (t.get("category") != nullptr) {
        RB_RETURN_IF_ERROR(ReadString(t, path, "category", &r.category));
      }
      const toml::node* weight_node = nullptr;
      RB_RETURN_IF_ERROR(ReadNonNegative(t, path, "weight", &r.weight, &weight_node));
      std::string metric;
      const toml::node* metric_node = nullptr;
      RB_RETURN_IF_ERROR(ReadString(t, path, "metric", &metric, &metric_node));
      for (size_t k = 0; k < rb->rubric.metrics.size(); ++k) {
        if (rb->rubric.metrics[k].id == metric) r.metric = static_cast<int>(k);
      }
      if (r.metric < 0) {
        return Error(metric_node->source(), path + ".metric",
                     TrF("未知的指标量“{}”（见 [[metrics]]）",
                         "unknown metric \"{}\" (see [[metrics]])", metric));
      }
      size_t kind = 0;
      RB_RETURN_IF_ERROR(ReadChoice(t, path, "kind", {"step", "bands", "proportional"}, &kind));
      const RubricRule::Kind kinds[] = {RubricRule::Kind::kStep, RubricRule::Kind::kBands,
                                        RubricRule::Kind::kProportional};
      r.kind = kinds[kind];
      // Keys of another kind are refused, so a rule says only what it uses.
      const struct {
        std::string_view key;
        size_t kind;
        const char* name;
      } owned[] = {{"deduct_when", 0, "step"},    {"threshold", 0, "step"}, {"step", 0, "step"},
                   {"deduct", 0, "step"},         {"count", 0, "step"},     {"bands", 1, "bands"},
                   {"full_at", 2, "proportional"}};
      for (const auto& o : owned) {
        const toml::node* n = t.get(o.key);
        if (n == nullptr || o.kind == kind) continue;
        return Error(n->source(), TomlKeyPath(path, o.key),
                     TrF("只用于 kind = \"{}\"", "belongs to kind = \"{}\" only", o.name));
      }
      if (r.kind == RubricRule::Kind::kStep) {
        RB_RETURN_IF_ERROR(ReadStepRule(t, path, &r));
      } else if (r.kind == RubricRule::Kind::kBands) {
        RB_RETURN_IF_ERROR(ReadBands(t, path, &r));
      } else {
        const toml::node* full_node = nullptr;
        RB_RETURN_IF_ERROR(ReadDecimal(t, path, "full_at", &r.full_at, &full_node));
        if (r.full_at.sign() <= 0) {
          return Error(full_node->source(), path + ".full_at",
                       TrF("应大于 0，实为 {}", "must be above 0, found {}", r.full_at.ToString()));
        }
      }
      if (r.scores_execution) {
        for (size_t k = 0; k < rb->rubric.rules.size(); ++k) {
          if (!rb->rubric.rules[k].scores_execution) continue;
          return Error(
              t.get("applies_to")->source(), path + ".applies_to",
              TrF("rules[{}] 已经评执行率得分", "rules[{}] already scores the execution line", k));
        }
      }
      rb->rubric.rules.push_back(std::move(r));
    }
    return Status::Ok();
  }

  // An array of one or more distinct, non-blank strings.
  Status ReadWordList(const toml::table& t, std::string_view path, std::string_view key,
                      std::vector<std::string>* out) const {
    const toml::node* node = nullptr;
    RB_RETURN_IF_ERROR(Require(t, path, key, &node));
    const std::string list_path = TomlKeyPath(path, key);
    const auto* words = node->as_array();
    if (words == nullptr || words->empty()) {
      return Error(node->source(), list_path,
                   words == nullptr
                       ? TrF("应为字符串的数组，实为{}", "expected an array of strings, found {}",
                             TomlTypeName(*node))
                       : Tr("至少要列出一个名称", "must list at least one name"));
    }
    for (size_t j = 0; j < words->size(); ++j) {
      const toml::node& word = *words->get(j);
      const auto* text = word.as_string();
      if (text == nullptr) {
        return Error(word.source(), TomlIndexPath(list_path, j),
                     TrF("应为字符串，实为{}", "expected a string, found {}", TomlTypeName(word)));
      }
      if (IsBlank(text->get())) {
        return Error(word.source(), TomlIndexPath(list_path, j),
                     Tr("名称不能为空", "a name must not be empty"));
      }
      out->push_back(text->get());
    }
    return Status::Ok();
  }

  Status ReadStepRule(const toml::table& t, const std::string& path, RubricRule* r) const {
    size_t when = 0;
    RB_RETURN_IF_ERROR(ReadChoice(t, path, "deduct_when", {"above", "below"}, &when));
    r->deduct_above = when == 0;
    RB_RETURN_IF_ERROR(ReadDecimal(t, path, "threshold", &r->threshold));
    const toml::node* step_node = nullptr;
    RB_RETURN_IF_ERROR(ReadDecimal(t, path, "step", &r->step, &step_node));
    if (r->step.sign() <= 0) {
      return Error(step_node->source(), path + ".step",
                   TrF("应大于 0，实为 {}", "must be above 0, found {}", r->step.ToString()));
    }
    RB_RETURN_IF_ERROR(ReadNonNegative(t, path, "deduct", &r->deduct));
    size_t count = 0;
    RB_RETURN_IF_ERROR(ReadChoice(t, path, "count", {"whole", "started", "exact"}, &count));
    r->count =
        count == 0 ? StepCount::kWhole : (count == 1 ? StepCount::kStarted : StepCount::kExact);
    return Status::Ok();
  }

  Status ReadBands(const toml::table& t, const std::string& path, RubricRule* r) const {
    const toml::node* node = nullptr;
    RB_RETURN_IF_ERROR(Require(t, path, "bands", &node));
    const std::string bands_path = path + ".bands";
    const auto* bands = node->as_array();
    if (bands == nullptr || bands->size() < 2) {
      return Error(node->source(), bands_path,
                   bands == nullptr
                       ? TrF("应为档次的数组（{{ up_to = …, score = … }}），实为{}",
                             "expected an array of bands ({{ up_to = …, score = … }}), found {}",
                             TomlTypeName(*node))
                       : Tr("至少要列出两档", "must list at least two bands"));
    }
    for (size_t j = 0; j < bands->size(); ++j) {
      const toml::node& band_node = *bands->get(j);
      const std::string band_path = TomlIndexPath(bands_path, j);
      const auto* band = band_node.as_table();
      if (band == nullptr) {
        return Error(band_node.source(), band_path,
                     TrF("应为表，实为{}", "expected a table, found {}", TomlTypeName(band_node)));
      }
      RB_RETURN_IF_ERROR(CheckKeys(*band, band_path, {"up_to", "score"}));
      RuleBand b;
      const bool last = j + 1 == bands->size();
      if (const toml::node* up = band->get("up_to")) {
        if (last) {
          return Error(up->source(), band_path + ".up_to",
                       Tr("最后一档没有上限：它包含前一档以上的所有值",
                          "the last band has no bound: it takes every value above the one "
                          "before it"));
        }
        Decimal bound;
        RB_RETURN_IF_ERROR(DecimalValue(*up, band_path + ".up_to", &bound));
        if (!r->bands.empty() && !(*r->bands.back().up_to < bound)) {
          return Error(up->source(), band_path + ".up_to",
                       TrF("{} 不大于前一档的上限 {}（各档按上限从小到大排列）",
                           "{} is not above the bound {} of the band before (list bands by "
                           "rising bound)",
                           bound.ToString(), r->bands.back().up_to->ToString()));
        }
        b.up_to = bound;
      } else if (!last) {
        return Error(band->source(), band_path,
                     Tr("缺少 up_to：只有最后一档没有上限",
                        "missing up_to: only the last band has no bound"));
      }
      const toml::node* score_node = nullptr;
      RB_RETURN_IF_ERROR(ReadNonNegative(*band, band_path, "score", &b.score, &score_node));
      if (b.score > r->weight) {
        return Error(score_node->source(), band_path + ".score",
                     TrF("{} 超过该规则的分值 {}", "{} is above the rule's weight {}",
                         b.score.ToString(), r->weight.ToString()));
      }
      r->bands.push_back(std::move(b));
    }
    return Status::Ok();
  }
  // ==== end of rubric rules ==================================================================
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
    Result<toml::table> root = ParseTomlText(toml_text, source_name);
    if (!root.ok()) return root.status();
    Rulebook rb;
    rb.source = source_name;
    Status status = Reader(toml_text, source_name, *root).Read(&rb);
    if (!status.ok()) return status;
    return rb;
  } catch (const std::exception& e) {  // allocation failure; nothing else throws here
    return Status::InvalidArgument(fmt::format("{}: {}", source_name, e.what()));
  } catch (...) {
    return Status::InvalidArgument(TrF("{}：意外的错误", "{}: unexpected error", source_name));
  }
}

Result<Rulebook> LoadRulebookFile(const std::string& path) {
  Result<std::string> text = ReadConfigFile(path);
  if (!text.ok()) return text.status();
  return ParseRulebook(*text, path);
}

Result<Rulebook> BundledRulebook(std::string_view id) {
  for (int i = 0; i < kBundledRulebookCount; ++i) {
    const BundledRulebookText& bundled = kBundledRulebooks[i];
    if (id != bundled.id) continue;
    Result<Rulebook> rb = ParseRulebook(bundled.toml, fmt::format("bundled:{}", id));
    if (rb.ok() && rb->id != id) {
      return Status::Corruption(TrF("bundled:{0}: rulebook.id 为“{1}”，应为“{0}”",
                                    "bundled:{0}: rulebook.id is \"{1}\", expected \"{0}\"", id,
                                    rb->id));
    }
    return rb;
  }
  return Status::NotFound(TrF("没有内置的评分规则“{}”（内置：{}）",
                              "no bundled rulebook \"{}\" (bundled: {})", id, BundledIdList()));
}

std::vector<std::string> BundledRulebookIds() {
  std::vector<std::string> ids;
  for (int i = 0; i < kBundledRulebookCount; ++i) ids.emplace_back(kBundledRulebooks[i].id);
  return ids;
}

bool IsBundledRulebook(std::string_view id) {
  for (int i = 0; i < kBundledRulebookCount; ++i) {
    if (id == kBundledRulebooks[i].id) return true;
  }
  return false;
}

namespace {

// A bundled id, or else the file at `path` (`id_or_path` as it was written, resolved).
Result<Rulebook> Resolve(const std::string& id_or_path, const std::string& path) {
  for (int i = 0; i < kBundledRulebookCount; ++i) {
    if (id_or_path == kBundledRulebooks[i].id) return BundledRulebook(id_or_path);
  }
  Result<Rulebook> rb = LoadRulebookFile(path);
  // A bare name (no '/', no '.') that is no file was most likely meant as a bundled id.
  if (!rb.ok() && rb.status().code() == Status::Code::kIOError &&
      id_or_path.find_first_of("/.") == std::string::npos) {
    return Status::IOError(TrF("{}（内置评分规则：{}）", "{} (bundled rulebooks: {})",
                               rb.status().message(), BundledIdList()));
  }
  return rb;
}

}  // namespace

Result<Rulebook> ResolveRulebook(const std::string& id_or_path) {
  return Resolve(id_or_path, id_or_path);
}

Result<Rulebook> ResolveRulebookForPackage(const std::string& id_or_path,
                                           const std::string& package_path) {
  if (id_or_path.empty()) {
    return Status::InvalidArgument(
        TrF("{} 指定的评分规则（rulebook）为空", "{} names an empty rulebook", package_path));
  }
  const Status allowed = CheckPathNamedByPackage(id_or_path);
  Result<Rulebook> rb =
      allowed.ok() ? Resolve(id_or_path, PathBeside(id_or_path, package_path)) : allowed;
  if (rb.ok()) return rb;
  return WithPrefix(rb.status(), TrF("{} 指定的评分规则（rulebook）“{}”：",
                                     "{} names rulebook \"{}\": ", package_path, id_or_path));
}

int OrdinalLevel(const Rulebook& rulebook, std::string_view word) {
  int level = -1;
  size_t longest = 0;
  for (size_t i = 0; i < rulebook.ordinal_scale.size(); ++i) {
    for (const std::string& listed : rulebook.ordinal_scale[i]) {
      // Most listed words are longer than a short word such as 好 or 较好: no search for them.
      if (listed.empty() || listed.size() > word.size() ||
          FindWord(word, listed) == std::string_view::npos) {
        continue;
      }
      const size_t length = CodePointCount(listed);
      if (length > longest) {  // strictly longer: a tie keeps the better level
        longest = length;
        level = static_cast<int>(i);
        // The whole word listed: nothing longer can follow.
        if (listed.size() == word.size()) return level;
      }
    }
  }
  return level;
}

const IndicatorPattern* MatchIndicatorLibrary(const Rulebook& rulebook, std::string_view name,
                                              const std::vector<std::string>& groups,
                                              std::string_view unit, std::string* matched) {
  const auto contains = [](std::string_view text, std::string_view word) {
    return !word.empty() && FindWord(text, word) != std::string_view::npos;
  };
  const IndicatorPattern* best = nullptr;
  size_t longest = 0;
  bool by_name = false;
  for (const IndicatorPattern& entry : rulebook.indicator_library) {
    bool excluded = false;
    for (const std::string& word : entry.except) excluded = excluded || contains(name, word);
    if (excluded) continue;
    if (!unit.empty() && !entry.units.empty()) {
      bool fits = false;
      for (const std::string& u : entry.units) fits = fits || contains(unit, u);
      if (!fits) continue;
    }
    // A name match beats any group match; among equals the longest pattern wins.
    const auto consider = [&](const std::string& pattern, bool name_match) {
      const size_t length = CodePointCount(pattern);
      if ((name_match && !by_name) || (name_match == by_name && length > longest)) {
        best = &entry;
        longest = length;
        by_name = name_match;
        if (matched != nullptr) *matched = pattern;
      }
    };
    for (const std::string& pattern : entry.names) {
      if (contains(name, pattern)) consider(pattern, true);
    }
    for (const std::string& pattern : entry.groups) {
      for (const std::string& group : groups) {
        if (contains(group, pattern)) consider(pattern, false);
      }
    }
  }
  return best;
}

std::string GradeOf(const Rulebook& rulebook, const Decimal& total) {
  if (!total.valid()) return "";
  for (const GradeBand& band : rulebook.grades) {
    const bool below_max = total < band.max || (band.max_inclusive && total == band.max);
    if (total >= band.min && below_max) return band.name;
  }
  return "";
}

// ==== Rubric rules: lookups ================================================================

std::string_view RubricKindKey(RubricKind k) {
  return k == RubricKind::kProject ? "project" : "department";
}

namespace {

// A name without blanks and quotation marks: "“三公经费”变动率" → "三公经费变动率".
std::string MatchKey(std::string_view text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const char32_t c = NextCodePoint(text, &pos);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == '"' || c == '\'' ||
        c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019) {
      continue;
    }
    out.append(text.substr(start, pos - start));
  }
  return out;
}

}  // namespace

const RubricRule* RuleForIndicator(const Rulebook& rulebook, std::string_view indicator_name) {
  std::optional<std::string> name;  // made at the first word to look for: most rulebooks have none
  for (const RubricRule& rule : rulebook.rubric.rules) {
    if (rule.scores_execution) continue;
    for (const std::string& word : rule.matches) {
      if (!name) name = MatchKey(indicator_name);
      if (name->empty()) return nullptr;
      const std::string key = MatchKey(word);
      if (!key.empty() && name->find(key) != std::string::npos) return &rule;
    }
  }
  return nullptr;
}

const RubricRule* ExecutionRule(const Rulebook& rulebook) {
  for (const RubricRule& rule : rulebook.rubric.rules) {
    if (rule.scores_execution) return &rule;
  }
  return nullptr;
}

// ==== end of rubric rules ==================================================================

#undef RB_RETURN_IF_ERROR

}  // namespace jixiao
