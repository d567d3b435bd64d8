// Package helpers: display of cells and the names of enumerations.
#include "model/package.h"

namespace jixiao {

std::string Cell::Display() const {
  switch (kind) {
    case Kind::kBlank:
      return "";
    case Kind::kNotApplicable:
      return "——";
    case Kind::kNumber:
      return value.ToString() + (percent ? "%" : "");
  }
  return "";
}

std::string_view ExpenseColumnKey(ExpenseColumn c) {
  switch (c) {
    case ExpenseColumn::kPriorFinal:
      return "prior_final";
    case ExpenseColumn::kBudget:
      return "budget";
    case ExpenseColumn::kFinal:
      return "final";
  }
  return "";
}

std::string_view PartStateKey(PartState s) {
  switch (s) {
    case PartState::kPresent:
      return "present";
    case PartState::kAbsent:
      return "absent";
    case PartState::kCut:
      return "cut";
    case PartState::kPiece:
      return "piece";
  }
  return "present";
}

std::string_view ChildRelationKey(ChildRelation r) {
  switch (r) {
    case ChildRelation::kNone:
      return "";
    case ChildRelation::kParts:
      return "parts";
    case ChildRelation::kTotal:
      return "total";
  }
  return "";
}

std::string_view IndicatorKindKey(IndicatorKind k) {
  switch (k) {
    case IndicatorKind::kUnspecified:
      return "";
    case IndicatorKind::kOutput:
      return "output";
    case IndicatorKind::kEffect:
      return "effect";
    case IndicatorKind::kSatisfaction:
      return "satisfaction";
    case IndicatorKind::kOther:
      return "other";
  }
  return "";
}

std::string_view DirectionKey(Direction d) {
  switch (d) {
    case Direction::kUnspecified:
      return "";
    case Direction::kHigherBetter:
      return "higher";
    case Direction::kLowerBetter:
      return "lower";
    case Direction::kEqual:
      return "equal";
  }
  return "";
}

IndicatorKind InferIndicatorKind(std::string_view name) {
  // Satisfaction first: "满意度指标" and "服务对象满意度" are satisfaction even under 效益.
  if (name.find("满意") != std::string_view::npos) return IndicatorKind::kSatisfaction;
  if (name.find("产出") != std::string_view::npos) return IndicatorKind::kOutput;
  if (name.find("效益") != std::string_view::npos) return IndicatorKind::kEffect;
  return IndicatorKind::kUnspecified;
}

IndicatorKind KindOf(const Indicator& indicator) {
  return indicator.kind != IndicatorKind::kUnspecified ? indicator.kind
                                                       : InferIndicatorKind(indicator.name);
}

std::string_view PackageKindKey(PackageKind k) {
  return k == PackageKind::kProject ? "project" : "department";
}

}  // namespace jixiao
