// json_text.h writes what nlohmann's dump() writes: every escape, UTF-8 kept, invalid UTF-8
// replaced the same way, on fixed cases and on random bytes.
#include "base/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

namespace jixiao {
namespace {

std::string Nlohmann(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Ours(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

TEST(JsonText, AsNlohmannWritesIt) {
  for (const std::string& s :
       {std::string(""), std::string("执行率 98.25%"), std::string("a\"b\\c/d"),
        std::string("\b\f\n\r\t"), std::string("\x01\x1f\x7f", 3), std::string("\0x", 2),
        std::string("🙂 emoji"), std::string("bad \xFF byte"), std::string("cut \xE6\x89"),
        std::string("\xED\xA0\x80 surrogate"), std::string("\xC0\xAF overlong"),
        std::string("\xF4\x90\x80\x80 too high")}) {
    EXPECT_EQ(Ours(s), Nlohmann(s)) << s;
  }
}

TEST(JsonText, RandomBytes) {
  std::mt19937 rng(20261203);
  // Bytes drawn mostly from the interesting ranges: ASCII controls, quotes, UTF-8 lead and
  // continuation bytes.
  static constexpr char kAlphabet[] =
      "\x00\x01\x1f \"\\/a\x7f\x80\xbf\xc2\xdf\xe0\xe6\xed\xef\xf0\xf4\xf5\xff";
  const std::string alphabet(kAlphabet, sizeof kAlphabet - 1);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) s.push_back(alphabet[rng() % alphabet.size()]);
    ASSERT_EQ(Ours(s), Nlohmann(s)) << round;
  }
}

// Longer texts, where whole blocks of ASCII and runs of Chinese take the fast paths: words and
// stray bytes mixed at every alignment.
TEST(JsonText, RandomTextsOfWordsAndBytes) {
  std::mt19937 rng(20261207);
  const std::string pieces[] = {"执行率",
                                "abcdefgh",
                                "12345678901",
                                " ",
                                "\"",
                                "\\",
                                "\n",
                                "\x01",
                                "\x7f",
                                "\xe0\xa0\x80",
                                "\xed\x9f\xbf",
                                "\xed\xa0\x80",
                                "\xef\xbf\xbf",
                                "\xe6\x89",
                                "\xff",
                                "🙂",
                                std::string("\0", 1),
                                "/",
                                "\xc2\xa0"};
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int n = static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) s += pieces[rng() % std::size(pieces)];
    ASSERT_EQ(Ours(s), Nlohmann(s)) << round;
  }
}

TEST(JsonText, ObjectWriter) {
  std::string out;
  JsonObjectWriter w(&out);
  w.String("code", "A101");
  w.Int("row", -3);
  *w.Key("span") += "[1,2]";
  w.Close();
  EXPECT_EQ(out, R"({"code":"A101","row":-3,"span":[1,2]})");
  EXPECT_EQ(nlohmann::json::parse(out)["row"], -3);
}

TEST(JsonText, PrettyWriterAsNlohmannIndents) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["a"] = 1;
  j["empty_object"] = nlohmann::ordered_json::object();
  j["empty_array"] = nlohmann::ordered_json::array();
  j["list"] = {nullptr, "x\"y", -7, nlohmann::ordered_json::object(), {{"k", "v"}}};
  j["nested"] = {{"deep", {{"deeper", nlohmann::ordered_json::array({1, 2})}}}};
  std::string out;
  JsonPrettyWriter w(&out);
  w.BeginObject();
  w.Int("a", 1);
  w.Key("empty_object");
  w.BeginObject();
  w.EndObject();
  w.Key("empty_array");
  w.BeginArray();
  w.EndArray();
  w.Key("list");
  w.BeginArray();
  w.Null();
  w.String("x\"y");
  w.Int(-7);
  w.BeginObject();
  w.EndObject();
  w.BeginObject();
  w.String("k", "v");
  w.EndObject();
  w.EndArray();
  w.Key("nested");
  w.BeginObject();
  w.Key("deep");
  w.BeginObject();
  w.Key("deeper");
  w.BeginArray();
  w.Int(1);
  w.Int(2);
  w.EndArray();
  w.EndObject();
  w.EndObject();
  w.EndObject();
  EXPECT_EQ(out, j.dump(2));
  std::string empty;
  JsonPrettyWriter e(&empty);
  e.BeginArray();
  e.EndArray();
  EXPECT_EQ(empty, "[]");
}

}  // namespace
}  // namespace jixiao
