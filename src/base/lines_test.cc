// Tests of joining a cell's wrapped lines (base/lines.h).
#include "base/lines.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(Lines, JoinTrimmedLines) {
  EXPECT_EQ(JoinTrimmedLines("偏差原因分析及\n 改进措施 "), "偏差原因分析及改进措施");
  EXPECT_EQ(JoinTrimmedLines("\u3000年初\n\n预算数\n"), "年初预算数");
  EXPECT_EQ(JoinTrimmedLines(""), "");
  EXPECT_EQ(JoinTrimmedLines("\n"), "");
}

TEST(Lines, TrimmedNonEmptyLines) {
  EXPECT_EQ(TrimmedNonEmptyLines(" 1：修缮村道 \n\n\u30002：清理河道\n"), "1：修缮村道\n2：清理河道");
  EXPECT_EQ(TrimmedNonEmptyLines("\n \n"), "");
  EXPECT_EQ(TrimmedNonEmptyLines("一行"), "一行");
}

}  // namespace
}  // namespace jixiao
