// Reading the figures and claims of the report's prose (a statcheck for Chinese budget
// reports): sentences with their place in the report; amounts with their units (元 / 万元 /
// 亿元, or none), counts (人, 场次, 份 …) and percentages; the subject each figure belongs to
// (基本支出, 公用经费, 三公经费, 编制 …), its year (this year or the year before) and column
// (budget or final accounts); and the direction words of comparisons (增加 / 减少 / 持平 …)
// with the difference they state.
//
// Pure functions; byte offsets refer to the sentence text. Safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.h"
#include "model/package.h"

namespace jixiao {

// A sentence of the report, with where it stands. `text` is a view into the report's text,
// valid while the report it was split from lives unchanged.
struct Sentence {
  std::string_view text;
  std::string section;  // "一（二）", "六"
  std::string pointer;  // JSON pointer of the section text it came from
  int offset = 0;       // byte offset of the sentence in that text
  int line = 0;         // 0-based line of that text the sentence starts on
};

// Every sentence of the report, in order (split at 。！？； and line breaks). The sentences
// view `report`'s texts.
std::vector<Sentence> SplitSentences(const Report& report);

enum class Subject {
  kNone,
  kTotalSpending,   // 收入支出决算 / 收支决算 / 支出决算
  kAppropriation,   // 财政拨款收入 / 一般公共预算财政拨款
  kBasic,           // 基本支出
  kPersonnel,       // 人员经费
  kPublicFunds,     // 公用经费 / 日常公用经费
  kProjects,        // 项目支出
  kThreePublic,     // 三公经费
  kOverseas,        // 因公出国（境）费
  kVehicles,        // 公务用车购置及运行费
  kReception,       // 公务接待费
  kAuthorized,      // 编制
  kOnPayroll,       // 在职
  kRetired,         // 退休
  kTotalStaff,      // 实有
  kInitialBudget,   // 年初预算
  kFullYearBudget,  // 全年预算 / 调整后预算
};
std::string_view SubjectName(Subject s, bool zh);

enum class Year { kUnknown, kCurrent, kPrior };

// A rate the report states (a percentage right after its name: "预算执行率为98.25%").
enum class Rate {
  kNone,
  kExecution,           // 预算执行率 / 执行率
  kStaffControl,        // 人员控制率 / 编制控制率 / 财政供养人员控制率
  kPublicFundsControl,  // 公用经费控制率
  kThreePublicControl,  // 三公经费控制率
  kAdjustment,          // 预算调整率 / 调整幅度 / 调减幅度 / 调增幅度
};
enum class Column { kUnknown, kBudget, kFinal };

// A figure in a sentence.
struct Mention {
  Decimal value;             // as written
  std::string unit;          // "万元", "元", "亿元", "%", "人", "名", "场次", "" …
  bool approximate = false;  // "余", "多"
  int begin = 0, end = 0;    // byte span of number and unit
  Subject subject = Subject::kNone;
  Year year = Year::kUnknown;
  Column column = Column::kUnknown;
  bool is_difference = false;  // the amount stated after a direction word
  int direction = 0;           // for differences: +1 增加, −1 减少
  Rate rate = Rate::kNone;     // a percentage named as a rate
  bool subject_near = false;   // the subject's word stands a few words before, same clause
  // The base of a ratio the sentence states ("完成年初预算数60999万元的40.4%").
  bool ratio_base = false;
  bool on_initial = false;  // the rate's clause names the 年初 budget ("年初预算执行率")
  bool adjusted_down = false;  // the rate is a 调减幅度
};

// A comparison stated in words: "增加6.04元", "减少23.52", "持平", "增长1.49%".
struct DirectionClaim {
  int direction = 0;     // +1, −1, 0 (flat)
  bool roughly = false;  // 基本持平
  std::string word;
  int begin = 0, end = 0;            // span of the word (and its amount, if any)
  std::optional<size_t> amount;      // index into mentions of the stated difference
  Subject subject = Subject::kNone;  // what is compared
  // The sentence names both columns of one year before the word, and no earlier year:
  // "决算数与预算数持平" compares the budget with the final accounts, not two years.
  bool between_columns = false;
};

// A budget adjustment stated in words: "由153.53万元调减为127.10万元".
struct AdjustmentClaim {
  int direction = 0;               // −1 调减, +1 调增, 0 调整
  int begin = 0, end = 0;          // span of the word
  std::optional<size_t> from, to;  // indices into mentions: the amounts before and after
  std::optional<size_t> change;    // "调减26.43万元": the amount of the change
};

struct SentenceClaims {
  std::vector<Mention> mentions;
  std::vector<DirectionClaim> directions;
  std::optional<AdjustmentClaim> adjustment;  // the first of the sentence, if any
};

// Words ExtractClaims looks for in a whole sentence before reading it, for a caller that has
// already looked for them in its own pass over the sentence (as the checks do): whether a word
// of sameness (持平, 相同) occurs, and whether 预算 does. What is not given is looked for.
struct KnownWords {
  std::optional<bool> sameness;
  std::optional<bool> budget;
};

SentenceClaims ExtractClaims(const Sentence& sentence, int fiscal_year,
                             const KnownWords& known = {});

// Whether a mention's unit is money (元, 万元, 亿元, 千元).
bool IsMoneyUnit(std::string_view unit);
// The factor bringing an amount in a unit of money to 万元, the tables' unit (1 for others).
Decimal WanPerUnit(std::string_view unit);

}  // namespace jixiao
