#include "base/csv.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(Csv, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(CsvField("零陵区科协"), "零陵区科协");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("98.25"), "98.25");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("说“好”"), "说“好”");  // full-width quotes are text
  EXPECT_EQ(CsvField("say \"yes\""), "\"say \"\"yes\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
}

}  // namespace
}  // namespace jixiao
