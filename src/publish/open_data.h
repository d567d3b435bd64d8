// Open data of a year's published packages: two CSV tables and a `datapackage.json` that
// describes them as a Fiscal Data Package (frictionlessdata's specification: a Tabular Data
// Package with a `model` naming the money columns as measures — currency CNY, factor 10000
// since the forms count in 万元, phase approved 年初 / adjusted 全年 / executed 执行 — and the
// dimensions they are classified by). docs/open-data.md is the specification.
//
//   amounts.csv  one row per unit and classification: 合计 and 基本支出 / 项目支出 from the
//                自评表's funds, 三公经费 and its parts from the 基础数据表
//   scores.csv   one row per unit: execution rate, self score, grade
//
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/package.h"

namespace jixiao {

struct PublishedEntry {
  int64_t unit_id = 0;
  std::string unit_code;
  std::string unit_name;
  std::string department;
  const Package* package = nullptr;  // the published version
  std::string total;                 // as scored ("99.8")
  std::string grade;
  std::string execution_rate;  // percent
  std::string published_date;  // "2025-09-01"
};

struct OpenData {
  std::string amounts_csv;
  std::string scores_csv;
  std::string datapackage_json;
};

// `region` names the publisher (its title); `slug` goes into the package's name (lower-case
// ASCII letters, digits, '-', '.', '_' and '/' only: the specification's rule).
OpenData BuildOpenData(const std::string& region, const std::string& slug, int fiscal_year,
                       const std::vector<PublishedEntry>& entries);

}  // namespace jixiao
