// Tests of ParseDocumentNumber on the ways units write numbers in documents.
#include "base/number_text.h"

#include <gtest/gtest.h>

namespace jixiao {
namespace {

TEST(DocumentNumber, Plain) {
  const DocumentNumber n = ParseDocumentNumber("124.88");
  ASSERT_TRUE(n.ok);
  EXPECT_EQ(n.value.ToString(), "124.88");
  EXPECT_FALSE(n.percent);
}

TEST(DocumentNumber, BlanksAroundAreIgnored) {
  for (const char* s : {"  0.67", "0.67　", "\t0.67\n", "　0.67　"}) {
    const DocumentNumber n = ParseDocumentNumber(s);
    ASSERT_TRUE(n.ok) << s;
    EXPECT_EQ(n.value.ToString(), "0.67");
  }
}

TEST(DocumentNumber, PercentSigns) {
  DocumentNumber n = ParseDocumentNumber("87.5%");
  ASSERT_TRUE(n.ok);
  EXPECT_TRUE(n.percent);
  EXPECT_EQ(n.value.ToString(), "87.5");
  n = ParseDocumentNumber("87.5％");
  ASSERT_TRUE(n.ok);
  EXPECT_TRUE(n.percent);
}

TEST(DocumentNumber, FullWidthDigits) {
  const DocumentNumber n = ParseDocumentNumber("８７．５％");
  ASSERT_TRUE(n.ok);
  EXPECT_EQ(n.value.ToString(), "87.5");
  EXPECT_TRUE(n.percent);
  EXPECT_EQ(ParseDocumentNumber("－３").value.ToString(), "-3");
  EXPECT_EQ(ParseDocumentNumber("−3").value.ToString(), "-3");
}

TEST(DocumentNumber, ThousandsSeparators) {
  DocumentNumber n = ParseDocumentNumber("3,724,055.00");
  ASSERT_TRUE(n.ok);
  EXPECT_TRUE(n.grouped);
  EXPECT_EQ(n.value.ToString(), "3724055.00");
  n = ParseDocumentNumber("３，７２４，０５５．００");
  ASSERT_TRUE(n.ok);
  EXPECT_EQ(n.value.ToString(), "3724055.00");
  for (const char* bad : {"3,72,055", "3724,055", ",100", "1,000,00", "1.000,5", "12,3456"}) {
    EXPECT_FALSE(ParseDocumentNumber(bad).ok) << bad;
  }
  EXPECT_EQ(ParseDocumentNumber("3724,055").error, "misplaced thousands separator");
}

TEST(DocumentNumber, ErrorsNameTheByteOffset) {
  DocumentNumber n = ParseDocumentNumber("12a");
  EXPECT_FALSE(n.ok);
  EXPECT_EQ(n.error_offset, 2u);
  EXPECT_EQ(n.error, "not a number character");
  n = ParseDocumentNumber("8次");
  EXPECT_EQ(n.error_offset, 1u);
  n = ParseDocumentNumber("1.2.3");
  EXPECT_EQ(n.error_offset, 3u);
  n = ParseDocumentNumber("");
  EXPECT_EQ(n.error, "no number");
  n = ParseDocumentNumber("%");
  EXPECT_EQ(n.error, "'%' without a number");
  n = ParseDocumentNumber("5% 6");
  EXPECT_EQ(n.error_offset, 3u);
  EXPECT_EQ(n.error, "unexpected text after the number");
  n = ParseDocumentNumber("1-2");
  EXPECT_EQ(n.error, "sign inside the number");
  EXPECT_EQ(n.error_offset, 1u);
  n = ParseDocumentNumber("95.\n10%");  // a number split across lines is the importer's job
  EXPECT_FALSE(n.ok);
}

TEST(DocumentNumber, InvalidUtf8DoesNotCrash) {
  const std::string bad =
      "\xff\xfe"
      "12";
  const DocumentNumber n = ParseDocumentNumber(bad);
  EXPECT_FALSE(n.ok);
  EXPECT_EQ(n.error_offset, 0u);
}

}  // namespace
}  // namespace jixiao
