// Tests of LocateJsonPointer and JsonPointerToken: pointer escapes, string escapes in member
// names, arrays, whitespace, repeated keys, deep nesting and malformed text.
#include "model/json_locate.h"

#include <gtest/gtest.h>

#include <string>

namespace jixiao {
namespace {

std::optional<size_t> Locate(std::string_view text, std::string_view pointer) {
  return LocateJsonPointer(text, pointer);
}

TEST(JsonLocate, RootIsFirstNonBlankByte) {
  EXPECT_EQ(Locate("{}", ""), 0u);
  EXPECT_EQ(Locate(" \t\r\n[1]", ""), 4u);
  EXPECT_EQ(Locate("  42  ", ""), 2u);
  EXPECT_EQ(Locate("\"s\"", ""), 0u);
  EXPECT_EQ(Locate("null", ""), 0u);
}

TEST(JsonLocate, HeaderExample) {
  const std::string_view text = R"({"a": [1, {"b": 2}]})";
  EXPECT_EQ(Locate(text, "/a"), 6u);
  EXPECT_EQ(Locate(text, "/a/0"), 7u);
  EXPECT_EQ(Locate(text, "/a/1"), 10u);
  EXPECT_EQ(Locate(text, "/a/1/b"), 16u);
}

TEST(JsonLocate, ObjectMembersOfEveryType) {
  const std::string_view text =
      R"({"s": "x", "n": -1.5e+3, "t": true, "f": false, "z": null, "o": {}, "a": []})";
  EXPECT_EQ(Locate(text, "/s"), text.find("\"x\""));
  EXPECT_EQ(Locate(text, "/n"), text.find("-1.5e+3"));
  EXPECT_EQ(Locate(text, "/t"), text.find("true"));
  EXPECT_EQ(Locate(text, "/f"), text.find("false"));
  EXPECT_EQ(Locate(text, "/z"), text.find("null"));
  EXPECT_EQ(Locate(text, "/o"), text.find("{}"));
  EXPECT_EQ(Locate(text, "/a"), text.find("[]"));
  EXPECT_EQ(Locate(text, "/missing"), std::nullopt);
  EXPECT_EQ(Locate(text, "/s/0"), std::nullopt);  // a string has no elements
  EXPECT_EQ(Locate(text, "/o/x"), std::nullopt);
  EXPECT_EQ(Locate(text, "/a/0"), std::nullopt);
}

TEST(JsonLocate, NestedArraysByIndex) {
  const std::string_view text = "[[1,[2,3]],{\"a\":[4,[5]]},[]]";
  EXPECT_EQ(Locate(text, "/0"), 1u);
  EXPECT_EQ(Locate(text, "/0/0"), 2u);
  EXPECT_EQ(Locate(text, "/0/1"), 4u);
  EXPECT_EQ(Locate(text, "/0/1/1"), 7u);
  EXPECT_EQ(Locate(text, "/1/a/1/0"), text.find('5'));
  EXPECT_EQ(Locate(text, "/2"), text.size() - 3);
  EXPECT_EQ(Locate(text, "/2/0"), std::nullopt);
  EXPECT_EQ(Locate(text, "/3"), std::nullopt);
  EXPECT_EQ(Locate(text, "/0/2"), std::nullopt);
}

TEST(JsonLocate, ArrayIndexMustBeCanonical) {
  const std::string_view text = "[10, 11, 12]";
  EXPECT_EQ(Locate(text, "/1"), 5u);
  EXPECT_EQ(Locate(text, "/01"), std::nullopt);
  EXPECT_EQ(Locate(text, "/-"), std::nullopt);
  EXPECT_EQ(Locate(text, "/+1"), std::nullopt);
  EXPECT_EQ(Locate(text, "/1x"), std::nullopt);
  EXPECT_EQ(Locate(text, "/"), std::nullopt);
  EXPECT_EQ(Locate(text, "/99999999999999999999999"), std::nullopt);
  // In an object, "0" and "01" are just member names.
  EXPECT_EQ(Locate(R"({"0": 1, "01": 2})", "/0"), 6u);
  EXPECT_EQ(Locate(R"({"0": 1, "01": 2})", "/01"), 15u);
}

TEST(JsonLocate, WhitespaceEverywhere) {
  const std::string_view text = "\n\t{ \r\n \"a\" \t:\n [ 1 ,\n\t{ \"b\"\n:\n\n  2 } ] } \n";
  EXPECT_EQ(Locate(text, ""), 2u);
  EXPECT_EQ(Locate(text, "/a"), text.find('['));
  EXPECT_EQ(Locate(text, "/a/0"), text.find('1'));
  EXPECT_EQ(Locate(text, "/a/1"), text.find("{ \"b\""));
  EXPECT_EQ(Locate(text, "/a/1/b"), text.find('2'));
}

TEST(JsonLocate, PointerEscapes) {
  const std::string_view text = R"({"a/b": 1, "m~n": 2, "~1": 3, "": 4, " ": 5})";
  EXPECT_EQ(Locate(text, "/a~1b"), text.find('1'));
  EXPECT_EQ(Locate(text, "/m~0n"), text.find('2'));
  EXPECT_EQ(Locate(text, "/~01"), text.find('3'));  // "~01" is "~" then "1"
  EXPECT_EQ(Locate(text, "/"), text.find('4'));     // the member named ""
  EXPECT_EQ(Locate(text, "/ "), text.find('5'));
  EXPECT_EQ(Locate(text, "/a/b"), std::nullopt);
  EXPECT_EQ(Locate(text, "/m~n"), std::nullopt);  // malformed: '~' then 'n'
  EXPECT_EQ(Locate(text, "/~2"), std::nullopt);
  EXPECT_EQ(Locate(text, "/a~"), std::nullopt);
  EXPECT_EQ(Locate(text, "a~1b"), std::nullopt);  // not starting with '/'
}

TEST(JsonLocate, MemberNamesAreDecoded) {
  const std::string text =
      R"({"caf\u00e9": 1, "\"q\"": 2, "a\/b": 3, "tab\there": 4, "\ud83d\ude00": 5,)"
      R"( "区\u79d1协": 6, "\\": 7, "\u0000": 8, "x": 9})";
  EXPECT_EQ(Locate(text, "/café"), text.find(": 1") + 2);
  EXPECT_EQ(Locate(text, "/\"q\""), text.find(": 2") + 2);
  EXPECT_EQ(Locate(text, "/a~1b"), text.find(": 3") + 2);
  EXPECT_EQ(Locate(text, "/tab\there"), text.find(": 4") + 2);
  EXPECT_EQ(Locate(text, "/😀"), text.find(": 5") + 2);
  EXPECT_EQ(Locate(text, "/区科协"), text.find(": 6") + 2);
  EXPECT_EQ(Locate(text, "/\\"), text.find(": 7") + 2);
  EXPECT_EQ(Locate(text, std::string_view("/\0", 2)), text.find(": 8") + 2);
  EXPECT_EQ(Locate(text, "/x"), text.find(": 9") + 2);
  EXPECT_EQ(Locate(text, "/caf\\u00e9"), std::nullopt);  // compared decoded, not raw
}

TEST(JsonLocate, StringValuesWithEscapesAreSkipped) {
  const std::string_view text = R"({"x": "a\"b\\", "y": "}]\u005d", "z": 3})";
  EXPECT_EQ(Locate(text, "/z"), text.size() - 2);
  EXPECT_EQ(Locate(text, "/y"), text.find("\"}]"));
}

TEST(JsonLocate, RepeatedKeyGivesTheLastOccurrence) {
  const std::string_view text = R"({"a": 1, "a": 22, "b": {"c": 1, "c": 333}})";
  EXPECT_EQ(Locate(text, "/a"), text.find("22"));
  EXPECT_EQ(Locate(text, "/b/c"), text.find("333"));
}

TEST(JsonLocate, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(Locate("\xEF\xBB\xBF{\"a\": 1}", "/a"), 9u);
  EXPECT_EQ(Locate("\xEF\xBB\xBF{}", ""), 3u);
  EXPECT_EQ(Locate("{}\xEF\xBB\xBF", ""), std::nullopt);  // only at the start
}

TEST(JsonLocate, NonAsciiTextBeforeTheValue) {
  const std::string text = R"({"名称": "永州市零陵区", "n": 1})";
  EXPECT_EQ(Locate(text, "/n"), text.size() - 2);
  EXPECT_EQ(Locate(text, "/名称"), text.find("\"永"));
}

TEST(JsonLocate, MalformedTextGivesNullopt) {
  const char* const kMalformed[] = {
      "",
      "   ",
      "{",
      "[1, 2",
      "{\"a\": 1,}",
      "[1,]",
      "{\"a\" 1}",
      "{\"a\": 1 \"b\": 2}",
      "{a: 1}",
      "{'a': 1}",
      "[1] x",
      "[1] [2]",
      "{\"a\": 1}}",
      "// c\n{}",
      "[01]",
      "[-]",
      "[1.]",
      "[.5]",
      "[1e]",
      "[1e+]",
      "[+1]",
      "[tru]",
      "[nulll]",
      "[True]",
      "[\"a\x01\"]",
      "[\"a\nb\"]",
      "[\"\\x\"]",
      "[\"\\u12\"]",
      "[\"\\u12G4\"]",
      "[\"\\ud800\"]",
      "[\"\\ud800\\u0041\"]",
      "[\"\\udc00\"]",
      "[\"\xff\"]",
      "[\"\xc3\"]",
      "[\"\xed\xa0\x80\"]",  // an encoded surrogate
      "[\"unterminated]",
      "{\"a\": 1, \"b\": }",
      "]",
      "}",
  };
  for (const char* text : kMalformed) {
    EXPECT_EQ(Locate(text, ""), std::nullopt) << text;
  }
  // The whole text is checked, not only the part before the value.
  EXPECT_EQ(Locate("{\"a\": 1, \"b\": [}", "/a"), std::nullopt);
  EXPECT_EQ(Locate("{\"a\": 1} trailing", "/a"), std::nullopt);
}

TEST(JsonLocate, WellFormedEdgeCases) {
  EXPECT_EQ(Locate("[\"\xef\xbf\xbd\"]", "/0"), 1u);  // a real U+FFFD is fine
  EXPECT_EQ(Locate("[\"\\u0000\\b\\f\\n\\r\\t\\/\"]", "/0"), 1u);
  EXPECT_EQ(Locate("[0, -0, 0.0, 1E5, 2e-3, -12.5E+10]", "/5"), 24u);
  EXPECT_EQ(Locate("[\"😀\"]", "/0"), 1u);
  // Numbers are checked for syntax only (nlohmann::json rejects 1e400 as out of range).
  EXPECT_EQ(Locate("[1e400, 123456789012345678901234567890]", "/1"), 8u);
}

TEST(JsonLocate, DeepNestingNeitherCrashesNorRecurses) {
  const int depth = 200000;
  std::string deep(depth, '[');
  deep += std::string(depth, ']');
  std::string pointer;
  for (int i = 0; i < depth - 1; ++i) pointer += "/0";
  EXPECT_EQ(Locate(deep, pointer), static_cast<size_t>(depth - 1));
  EXPECT_EQ(Locate(deep, pointer + "/0"), std::nullopt);
  EXPECT_EQ(Locate(std::string(depth, '['), ""), std::nullopt);
  EXPECT_EQ(Locate(std::string(depth, '{'), ""), std::nullopt);
}

TEST(JsonLocate, LongText) {
  std::string text = "[";
  for (int i = 0; i < 10000; ++i) text += "{\"k\": \"v\"},";
  text += "{\"k\": 7}]";
  EXPECT_EQ(Locate(text, "/10000/k"), text.size() - 3);
  EXPECT_EQ(Locate(text, "/9999/k"), 1u + 9999u * 11u + 6u);
}

TEST(JsonLocate, PointerToken) {
  EXPECT_EQ(JsonPointerToken("executed"), "executed");
  EXPECT_EQ(JsonPointerToken("/evaluation/funds"), "~1evaluation~1funds");
  EXPECT_EQ(JsonPointerToken("a~b/c"), "a~0b~1c");
  EXPECT_EQ(JsonPointerToken(""), "");
  const std::string text = R"({"/x~y": 1})";
  EXPECT_EQ(Locate(text, "/" + JsonPointerToken("/x~y")), text.size() - 2);
}

}  // namespace
}  // namespace jixiao
