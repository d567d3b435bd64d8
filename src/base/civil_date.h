// Calendar dates as day counts (proleptic Gregorian; H. Hinnant's algorithms): the serial dates
// of spreadsheets (import/xlsx_reader.cc) and the deadlines of the dashboard
// (server/dashboard.cc).
#pragma once

#include <cstdint>

namespace jixiao {

struct CivilDate {
  int64_t year = 0, month = 0, day = 0;
};

// Days since 1970-01-01 of a date (month 1–12, day 1–31), and back.
int64_t DaysFromCivil(int64_t year, int64_t month, int64_t day);
CivilDate CivilFromDays(int64_t days);

}  // namespace jixiao
