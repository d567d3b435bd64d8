// Tests of the API's request readers: what they accept, and the exact message of each refusal.
#include "server/requests.h"

#include <gtest/gtest.h>

#include <string>

namespace jixiao::server {
namespace {

using json = nlohmann::json;

// The message of a refused request; a test failure when it was accepted.
template <typename T>
std::string Refusal(const Result<T>& r) {
  if (r.ok()) return "(accepted)";
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  return r.status().message();
}

// ---- The body --------------------------------------------------------------------------------

TEST(Requests, LoginAccepted) {
  const Result<LoginRequest> r = ParseLoginRequest(R"({"login": "张三", "password": "p w"})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->login, "张三");
  EXPECT_EQ(r->password, "p w");
}

TEST(Requests, BodyThatIsNotJsonNamesTheByte) {
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"login": x})")),
            "请求体不是有效的 JSON：第 11 字节有误 / the request body is not valid JSON: error at "
            "byte 11 (syntax error while parsing value - invalid literal)");
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"login": "a",})")),
            "请求体不是有效的 JSON：第 15 字节有误 / the request body is not valid JSON: error at "
            "byte 15 (syntax error while parsing object key - unexpected '}'; expected string "
            "literal)");
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"login": "a"} x)")),
            "请求体不是有效的 JSON：第 16 字节有误 / the request body is not valid JSON: error at "
            "byte 16 (syntax error while parsing value - invalid literal; expected end of "
            "input)");
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"login": "a")")),
            "请求体不是有效的 JSON：第 14 字节有误 / the request body is not valid JSON: error at "
            "byte 14 (syntax error while parsing object - unexpected end of input; expected '}')");
  // Broken UTF-8 inside a string: the message stays valid UTF-8 (the bytes are not quoted).
  const std::string bad_utf8 = Refusal(ParseLoginRequest("{\"login\": \"a\xFF\"}"));
  EXPECT_EQ(bad_utf8.rfind("请求体不是有效的 JSON：第 13 字节有误 / ", 0), 0u) << bad_utf8;
  EXPECT_EQ(bad_utf8.find('\xFF'), std::string::npos);
  // The text nlohmann last read is left out, even when it imitates nlohmann's own words.
  EXPECT_EQ(Refusal(ParseLoginRequest("{\"x'; expected y\xFF\": 1}")),
            "请求体不是有效的 JSON：第 17 字节有误 / the request body is not valid JSON: error at "
            "byte 17 (syntax error while parsing object key - invalid string: ill-formed UTF-8 "
            "byte; expected string literal)");
  // A NUL byte is not JSON either.
  EXPECT_EQ(Refusal(ParseLoginRequest(std::string("{\"login\"\0:1}", 11)))
                .rfind("请求体不是有效的 JSON：第 9 字节有误", 0),
            0u);
}

TEST(Requests, EmptyBody) {
  EXPECT_EQ(Refusal(ParseLoginRequest("")), "请求体为空 / the request body is empty");
  EXPECT_EQ(Refusal(ParseTokenRequest("  ")).rfind("请求体不是有效的 JSON：第 3 字节有误", 0), 0u);
}

TEST(Requests, BodyMustBeAnObject) {
  EXPECT_EQ(Refusal(ParseLoginRequest("[1, 2]")),
            "请求体应为 JSON 对象，实际为数组 / the request body must be a JSON object, not an "
            "array");
  EXPECT_EQ(Refusal(ParseLoginRequest("\"login\"")),
            "请求体应为 JSON 对象，实际为字符串 / the request body must be a JSON object, not a "
            "string");
  EXPECT_EQ(
      Refusal(ParseLoginRequest("null")),
      "请求体应为 JSON 对象，实际为空值（null） / the request body must be a JSON object, not "
      "null");
}

TEST(Requests, UnknownFieldWithSuggestion) {
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"login": "a", "pasword": "b"})")),
            "未知字段 \"pasword\"（您是不是要写 \"password\"？） / unknown field \"pasword\" (did "
            "you mean \"password\"?)");
  EXPECT_EQ(Refusal(ParsePatchRequest(R"({"base_versoin": 1, "patch": []})")),
            "未知字段 \"base_versoin\"（您是不是要写 \"base_version\"？） / unknown field "
            "\"base_versoin\" (did you mean \"base_version\"?)");
}

TEST(Requests, UnknownFieldWithoutSuggestionListsTheKnownOnes) {
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"user": "a", "password": "b"})")),
            "未知字段 \"user\"（可用的字段：login、password） / unknown field \"user\" (known "
            "fields: login, password)");
}

TEST(Requests, FirstUnknownFieldAsWrittenIsNamed) {
  // The object's keys are sorted inside nlohmann::json; the message follows the body.
  EXPECT_EQ(Refusal(ParseTokenRequest(R"({"zzz": 1, "aaa": 2, "name": "t"})"))
                .rfind("未知字段 \"zzz\"", 0),
            0u);
}

TEST(Requests, UnknownFieldNameIsQuotedSafelyAndShortened) {
  const std::string long_name(100, 'k');
  EXPECT_EQ(Refusal(ParseTokenRequest("{\"" + long_name + "\": 1}")),
            "未知字段 \"" + std::string(64, 'k') + "…\"（可用的字段：name） / unknown field \"" +
                std::string(64, 'k') + "…\" (known fields: name)");
  EXPECT_EQ(Refusal(ParseTokenRequest(R"({"a\"\n\u0000": 1})")),
            "未知字段 \"a\\\"\\n\\u0000\"（可用的字段：name） / unknown field \"a\\\"\\n\\u0000\" "
            "(known fields: name)");
}

TEST(Requests, DuplicateKeysAreRefused) {
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"login": "a", "password": "b", "login": "admin"})")),
            "字段 \"login\" 重复出现 / field \"login\" appears more than once");
  // Also inside a patch's values.
  EXPECT_EQ(
      Refusal(ParsePatchRequest(
          R"({"base_version": 1, "patch": [{"op": "add", "path": "/a", "value": {"x": 1, "x": 2}}]})")),
      "字段 \"x\" 重复出现 / field \"x\" appears more than once");
  // The same key in different objects is fine.
  EXPECT_TRUE(
      ParsePatchRequest(
          R"({"base_version": 1, "patch": [{"op": "remove", "path": "/a"}, {"op": "remove", "path": "/b"}]})")
          .ok());
}

TEST(Requests, DeepNestingIsRefused) {
  std::string deep = R"({"base_version": 1, "package": )";
  for (int i = 0; i < 100; ++i) deep += "[";
  for (int i = 0; i < 100; ++i) deep += "]";
  deep += "}";
  EXPECT_EQ(Refusal(ParsePatchRequest(deep)),
            "请求体嵌套超过 64 层 / the request body nests deeper than 64 levels");
  std::string fine = R"({"base_version": 1, "package": {"a": )";
  for (int i = 0; i < 60; ++i) fine += "[";
  for (int i = 0; i < 60; ++i) fine += "]";
  fine += "}}";
  EXPECT_TRUE(ParsePatchRequest(fine).ok());
}

TEST(Requests, MissingField) {
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"login": "a"})")),
            "缺少字段 \"password\" / missing field \"password\"");
  EXPECT_EQ(Refusal(ParseLoginRequest("{}")), "缺少字段 \"login\" / missing field \"login\"");
}

TEST(Requests, WrongType) {
  EXPECT_EQ(Refusal(ParsePatchRequest(R"({"base_version": "3", "patch": []})")),
            "字段 \"base_version\" 应为整数，实际为字符串 / field \"base_version\" must be an "
            "integer, not a string");
  EXPECT_EQ(Refusal(ParsePatchRequest(R"({"base_version": 3.0, "patch": []})")),
            "字段 \"base_version\" 应为整数，实际为带小数点或指数的数 / field \"base_version\" "
            "must be an integer, not a number with a fraction or an exponent");
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"login": 12, "password": "b"})")),
            "字段 \"login\" 应为字符串，实际为整数 / field \"login\" must be a string, not an "
            "integer");
  // null is not "left out".
  EXPECT_EQ(Refusal(ParseTransitionRequest(R"({"comment": null})")),
            "字段 \"comment\" 应为字符串，实际为空值（null） / field \"comment\" must be a string, "
            "not null");
  EXPECT_EQ(Refusal(ParsePatchRequest(R"({"base_version": 3, "patch": {}})")),
            "字段 \"patch\" 应为数组，实际为对象 / field \"patch\" must be an array, not an "
            "object");
  EXPECT_EQ(Refusal(ParsePatchRequest(R"({"base_version": 3, "package": []})")),
            "字段 \"package\" 应为对象，实际为数组 / field \"package\" must be an object, not an "
            "array");
}

TEST(Requests, IntegerRanges) {
  EXPECT_EQ(Refusal(ParsePatchRequest(R"({"base_version": 0, "patch": []})")),
            "字段 \"base_version\" 应在 1 到 9007199254740992 之间，实际为 0 / field "
            "\"base_version\" must be from 1 to 9007199254740992, not 0");
  EXPECT_EQ(Refusal(ParsePatchRequest(R"({"base_version": -5, "patch": []})")),
            "字段 \"base_version\" 应在 1 到 9007199254740992 之间，实际为 -5 / field "
            "\"base_version\" must be from 1 to 9007199254740992, not -5");
  EXPECT_EQ(Refusal(ParsePatchRequest(R"({"base_version": 18446744073709551615, "patch": []})")),
            "字段 \"base_version\" 应在 1 到 9007199254740992 之间，实际为 18446744073709551615 / "
            "field \"base_version\" must be from 1 to 9007199254740992, not 18446744073709551615");
  // Beyond uint64 it is a floating-point number to nlohmann::json: a wrong type.
  EXPECT_NE(Refusal(ParsePatchRequest(R"({"base_version": 99999999999999999999, "patch": []})"))
                .find("应为整数"),
            std::string::npos);
  const Result<PatchRequest> max =
      ParsePatchRequest(R"({"base_version": 9007199254740992, "patch": []})");
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(max->base_version, kMaxId);
}

TEST(Requests, StringLimits) {
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"login": "", "password": "b"})")),
            "字段 \"login\" 不能为空 / field \"login\" must not be empty");
  EXPECT_EQ(
      Refusal(ParseLoginRequest(R"({"login": "a", "password": ")" + std::string(201, 'p') + "\"}")),
      "字段 \"password\" 超过 200 字节（实际 201 字节） / field \"password\" is longer than "
      "200 bytes (201)");
  EXPECT_TRUE(
      ParseLoginRequest(R"({"login": "a", "password": ")" + std::string(200, 'p') + "\"}").ok());
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"login": "a\tb", "password": "b"})")),
            "字段 \"login\" 不能含控制字符 / field \"login\" must not contain control characters");
  EXPECT_EQ(Refusal(ParseLoginRequest(R"({"login": "a\u0085", "password": "b"})")),
            "字段 \"login\" 不能含控制字符 / field \"login\" must not contain control characters");
  // Any byte in a password.
  EXPECT_TRUE(ParseLoginRequest(R"({"login": "a", "password": "\u0000\t\n"})").ok());
}

// ---- Patch and check -------------------------------------------------------------------------

TEST(Requests, PatchAccepted) {
  const Result<PatchRequest> r = ParsePatchRequest(R"({"base_version": 7, "patch": [
      {"op": "replace", "path": "/cover/unit", "value": "某单位"},
      {"op": "add", "path": "/evaluation/indicators/-", "value": null},
      {"op": "remove", "path": "/a~1b/~0c"},
      {"op": "move", "from": "/x", "path": "/y"},
      {"op": "copy", "from": "/x", "path": "/x/y"},
      {"op": "test", "path": "", "value": {"k": 1}}]})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->base_version, 7);
  ASSERT_EQ(r->patch.size(), 6u);
  EXPECT_EQ(r->patch[0]["value"], "某单位");
  EXPECT_TRUE(r->patch[1]["value"].is_null());
  EXPECT_FALSE(r->package.has_value());
  EXPECT_TRUE(ParsePatchRequest(R"({"base_version": 1, "patch": []})").ok());
}

TEST(Requests, WholePackageForm) {
  const Result<PatchRequest> r =
      ParsePatchRequest(R"({"package": {"schema": "jixiao.package/1"}, "base_version": 2})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->package.has_value());
  EXPECT_EQ((*r->package)["schema"], "jixiao.package/1");
  EXPECT_TRUE(r->patch.is_array() && r->patch.empty());
  EXPECT_EQ(Refusal(ParsePatchRequest(R"({"base_version": 2, "package": {}, "patch": []})")),
            "只能给出 \"patch\" 或 \"package\" 之一 / give either \"patch\" or \"package\", not "
            "both");
  EXPECT_EQ(Refusal(ParsePatchRequest(R"({"base_version": 2})")),
            "缺少字段 \"patch\"（或 \"package\"） / missing field \"patch\" (or \"package\")");
}

TEST(Requests, PatchNeedsBaseVersionButCheckDoesNot) {
  EXPECT_EQ(Refusal(ParsePatchRequest(R"({"patch": []})")),
            "缺少字段 \"base_version\" / missing field \"base_version\"");
  const Result<CheckRequest> head = ParseCheckRequest(R"({"patch": []})");
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->base_version, 0);
  const Result<CheckRequest> v = ParseCheckRequest(R"({"patch": [], "base_version": 4})");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->base_version, 4);
  EXPECT_EQ(Refusal(ParseCheckRequest(R"({"patch": [], "base_version": 0})")).substr(0, 40),
            Refusal(ParsePatchRequest(R"({"patch": [], "base_version": 0})")).substr(0, 40));
}

std::string PatchRefusal(const std::string& operations) {
  return Refusal(ParsePatchRequest(R"({"base_version": 1, "patch": [)" + operations + "]}"));
}

TEST(Requests, BadPointer) {
  EXPECT_EQ(PatchRefusal(R"({"op": "remove", "path": "a/b"})"),
            "patch[0]：字段 \"path\" 不是有效的 JSON 指针（应以 \"/\" 开头）：\"a/b\" / patch[0]: "
            "field \"path\" is not a valid JSON pointer (it must start with \"/\"): \"a/b\"");
  EXPECT_EQ(PatchRefusal(R"({"op": "remove", "path": "/ok"}, {"op": "remove", "path": "/a~2"})"),
            "patch[1]：字段 \"path\" 不是有效的 JSON 指针（\"~\" 后只能是 0 或 1）：\"/a~2\" / "
            "patch[1]: field \"path\" is not a valid JSON pointer (\"~\" must be followed by 0 or "
            "1): \"/a~2\"");
  EXPECT_EQ(PatchRefusal(R"({"op": "remove", "path": "/a~"})").substr(0, 60),
            PatchRefusal(R"({"op": "remove", "path": "/b~x"})").substr(0, 60));
  EXPECT_EQ(PatchRefusal(R"({"op": "move", "from": "x", "path": "/y"})"),
            "patch[0]：字段 \"from\" 不是有效的 JSON 指针（应以 \"/\" 开头）：\"x\" / patch[0]: "
            "field \"from\" is not a valid JSON pointer (it must start with \"/\"): \"x\"");
  EXPECT_EQ(PatchRefusal(R"({"op": "remove", "path": 3})"),
            "patch[0]：字段 \"path\" 应为字符串，实际为整数 / patch[0]: field \"path\" must be a "
            "string, not an integer");
}

TEST(Requests, MissingValueOrFrom) {
  EXPECT_EQ(PatchRefusal(R"({"op": "add", "path": "/a"})"),
            "patch[0]：操作 \"add\" 缺少字段 \"value\" / patch[0]: operation \"add\" needs field "
            "\"value\"");
  EXPECT_EQ(PatchRefusal(R"({"op": "remove", "path": "/a"}, {"op": "test", "path": "/a"})"),
            "patch[1]：操作 \"test\" 缺少字段 \"value\" / patch[1]: operation \"test\" needs field "
            "\"value\"");
  EXPECT_EQ(PatchRefusal(R"({"op": "copy", "path": "/a"})"),
            "patch[0]：操作 \"copy\" 缺少字段 \"from\" / patch[0]: operation \"copy\" needs field "
            "\"from\"");
  EXPECT_EQ(PatchRefusal(R"({"path": "/a"})"),
            "patch[0]：缺少字段 \"op\" / patch[0]: missing field \"op\"");
  EXPECT_EQ(PatchRefusal(R"({"op": "add", "value": 1})"),
            "patch[0]：缺少字段 \"path\" / patch[0]: missing field \"path\"");
}

TEST(Requests, BadOperations) {
  EXPECT_EQ(PatchRefusal(R"({"op": "delete", "path": "/a"})"),
            "patch[0]：字段 \"op\" 应为 \"add\"、\"remove\"、\"replace\"、\"move\"、\"copy\"、"
            "\"test\" 之一，实际为 \"delete\" / patch[0]: field \"op\" must be one of \"add\", "
            "\"remove\", \"replace\", \"move\", \"copy\", \"test\", not \"delete\"");
  EXPECT_EQ(PatchRefusal(R"("remove /a")"),
            "patch[0] 应为对象，实际为字符串 / patch[0] must be an object, not a string");
  EXPECT_EQ(PatchRefusal(R"({"op": "add", "path": "/a", "vlaue": 1})"),
            "patch[0]：未知字段 \"vlaue\"（您是不是要写 \"value\"？） / patch[0]: unknown field "
            "\"vlaue\" (did you mean \"value\"?)");
  EXPECT_EQ(PatchRefusal(R"({"op": "move", "from": "/a", "path": "/a/b"})"),
            "patch[0]：不能把 \"/a\" 移动到它自己的内部 \"/a/b\" / patch[0]: cannot move \"/a\" "
            "into its own child \"/a/b\"");
  // "/ab" is not inside "/a"; moving to the same place is allowed.
  EXPECT_EQ(PatchRefusal(R"({"op": "move", "from": "/a", "path": "/ab"})"), "(accepted)");
  EXPECT_EQ(PatchRefusal(R"({"op": "move", "from": "/a", "path": "/a"})"), "(accepted)");
}

TEST(Requests, AtMost5000Operations) {
  auto patch_of = [](size_t n) {
    std::string ops;
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) ops += ",";
      ops += R"({"op":"remove","path":"/a"})";
    }
    return R"({"base_version": 1, "patch": [)" + ops + "]}";
  };
  EXPECT_TRUE(ParsePatchRequest(patch_of(5000)).ok());
  EXPECT_EQ(Refusal(ParsePatchRequest(patch_of(5001))),
            "字段 \"patch\" 有 5001 个操作，最多 5000 个 / field \"patch\" has 5001 operations; at "
            "most 5000 are allowed");
}

// ---- The other requests ----------------------------------------------------------------------

TEST(Requests, Transition) {
  const Result<TransitionRequest> empty = ParseTransitionRequest("{}");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->comment, "");
  EXPECT_FALSE(empty->version.has_value());
  const Result<TransitionRequest> r =
      ParseTransitionRequest(R"({"comment": "请补充\n佐证材料", "version": 12})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->comment, "请补充\n佐证材料");
  EXPECT_EQ(r->version, 12);
  EXPECT_EQ(Refusal(ParseTransitionRequest(R"({"comment": "a\u0007"})")),
            "字段 \"comment\" 不能含制表符和换行以外的控制字符 / field \"comment\" must not "
            "contain control characters other than tab and line breaks");
  EXPECT_EQ(Refusal(ParseTransitionRequest(R"({"comment": ")" + std::string(4001, 'c') + "\"}")),
            "字段 \"comment\" 超过 4000 字节（实际 4001 字节） / field \"comment\" is longer than "
            "4000 bytes (4001)");
  EXPECT_EQ(Refusal(ParseTransitionRequest(R"({"verison": 1})")),
            "未知字段 \"verison\"（您是不是要写 \"version\"？） / unknown field \"verison\" (did "
            "you mean \"version\"?)");
}

TEST(Requests, Comment) {
  const Result<CommentRequest> r = ParseCommentRequest(
      R"({"body": "指标值与上年不一致", "target": "/evaluation/indicators/3", "reply_to": 9})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->target, "/evaluation/indicators/3");
  EXPECT_EQ(r->reply_to, 9);
  EXPECT_TRUE(ParseCommentRequest(R"({"body": "x", "target": "code:A101"})").ok());
  EXPECT_TRUE(ParseCommentRequest(R"({"body": "x", "target": ""})").ok());
  EXPECT_EQ(Refusal(ParseCommentRequest(R"({"body": ""})")),
            "字段 \"body\" 不能为空 / field \"body\" must not be empty");
  EXPECT_EQ(Refusal(ParseCommentRequest(R"({"body": "x", "target": "code:Z999"})")),
            "字段 \"target\" 中的诊断代码 \"Z999\" 不存在 / field \"target\" names no known "
            "diagnostic code: \"Z999\"");
  EXPECT_EQ(Refusal(ParseCommentRequest(R"({"body": "x", "target": "funds"})")),
            "字段 \"target\" 应为 JSON 指针或 \"code:\" 加诊断代码，实际为 \"funds\" / field "
            "\"target\" must be a JSON pointer or \"code:\" and a diagnostic code, not \"funds\"");
  EXPECT_EQ(Refusal(ParseCommentRequest(R"({"body": "x", "target": "/a~"})")),
            "字段 \"target\" 不是有效的 JSON 指针（\"~\" 后只能是 0 或 1）：\"/a~\" / field "
            "\"target\" is not a valid JSON pointer (\"~\" must be followed by 0 or 1): \"/a~\"");
  EXPECT_EQ(Refusal(ParseCommentRequest(R"({"body": "x", "reply_to": 0})")),
            "字段 \"reply_to\" 应在 1 到 9007199254740992 之间，实际为 0 / field \"reply_to\" "
            "must be from 1 to 9007199254740992, not 0");
  EXPECT_TRUE(ParseCommentRequest(R"({"body": ")" + std::string(8000, 'b') + "\"}").ok());
  EXPECT_FALSE(ParseCommentRequest(R"({"body": ")" + std::string(8001, 'b') + "\"}").ok());
}

TEST(Requests, CreatePackage) {
  const Result<CreatePackageRequest> r = ParseCreatePackageRequest(R"({"fiscal_year": 2024})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->fiscal_year, 2024);
  EXPECT_EQ(r->from, "last_year");
  EXPECT_FALSE(r->unit_id.has_value());
  const Result<CreatePackageRequest> blank =
      ParseCreatePackageRequest(R"({"fiscal_year": 2025, "unit_id": 17, "from": "blank"})");
  ASSERT_TRUE(blank.ok());
  EXPECT_EQ(blank->unit_id, 17);
  EXPECT_EQ(blank->from, "blank");
  EXPECT_EQ(Refusal(ParseCreatePackageRequest(R"({"fiscal_year": 1999})")),
            "字段 \"fiscal_year\" 应在 2000 到 2100 之间，实际为 1999 / field \"fiscal_year\" "
            "must be from 2000 to 2100, not 1999");
  EXPECT_EQ(
      Refusal(ParseCreatePackageRequest(R"({"fiscal_year": 2024, "from": "copy"})")),
      "字段 \"from\" 应为 \"last_year\"、\"blank\"、\"example\" 之一，实际为 \"copy\" / field "
      "\"from\" must be one of \"last_year\", \"blank\", \"example\", not \"copy\"");
  EXPECT_EQ(Refusal(ParseCreatePackageRequest(R"({"unit_id": 3})")),
            "缺少字段 \"fiscal_year\" / missing field \"fiscal_year\"");
}

TEST(Requests, Restore) {
  const Result<RestoreRequest> r = ParseRestoreRequest(R"({"base_version": 5})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->base_version, 5);
  EXPECT_EQ(Refusal(ParseRestoreRequest("{}")),
            "缺少字段 \"base_version\" / missing field \"base_version\"");
}

TEST(Requests, DeadlineIsARealDate) {
  const Result<DeadlineRequest> r = ParseDeadlineRequest(R"({"date": "2024-02-29"})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->date, "2024-02-29");
  EXPECT_EQ(r->year, 2024);
  EXPECT_EQ(r->month, 2);
  EXPECT_EQ(r->day, 29);
  EXPECT_TRUE(ParseDeadlineRequest(R"({"date": "2000-02-29"})").ok());
  EXPECT_EQ(Refusal(ParseDeadlineRequest(R"({"date": "2025-02-29"})")),
            "字段 \"date\" 不是有效的日期：\"2025-02-29\"（应为 YYYY-MM-DD） / field \"date\" is "
            "not a valid date: \"2025-02-29\" (expected YYYY-MM-DD)");
  for (const char* bad :
       {"2100-02-29", "2025-2-1", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00",
        "25-01-01", "2025/01/01", "2025-01-01T00:00", "１９-01-01", "1999-12-31", "+025-01-01"}) {
    EXPECT_FALSE(ParseDeadlineRequest(json{{"date", bad}}.dump()).ok()) << bad;
  }
}

TEST(Requests, Token) {
  const Result<TokenRequest> r = ParseTokenRequest(R"({"name": "导入脚本"})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->name, "导入脚本");
  EXPECT_EQ(
      Refusal(ParseTokenRequest(R"({"name": ")" + std::string(101, 'n') + "\"}")),
      "字段 \"name\" 超过 100 字节（实际 101 字节） / field \"name\" is longer than 100 bytes "
      "(101)");
  EXPECT_EQ(Refusal(ParseTokenRequest(R"({"name": ""})")),
            "字段 \"name\" 不能为空 / field \"name\" must not be empty");
}

TEST(Requests, User) {
  const Result<UserRequest> r =
      ParseUserRequest(R"({"login": "li", "name": "李四", "role": "dept_reviewer", "org_id": 3})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->role, "dept_reviewer");
  EXPECT_EQ(r->org_id, 3);
  EXPECT_FALSE(r->password.has_value());
  const Result<UserRequest> with_password = ParseUserRequest(
      R"({"login": "li", "name": "李四", "role": "head", "org_id": 3, "password": "12345678"})");
  ASSERT_TRUE(with_password.ok());
  EXPECT_EQ(with_password->password, "12345678");
  EXPECT_EQ(
      Refusal(ParseUserRequest(R"({"login": "li", "name": "李四", "role": "root", "org_id": 3})")),
      "字段 \"role\" 应为 \"clerk\"、\"head\"、\"dept_reviewer\"、\"bureau\"、\"admin\" 之一，"
      "实际为 \"root\" / field \"role\" must be one of \"clerk\", \"head\", "
      "\"dept_reviewer\", \"bureau\", \"admin\", not \"root\"");
  // A long value is named shortened, not refused for its length.
  EXPECT_NE(Refusal(ParseUserRequest(R"({"login": "li", "name": "李四", "role": ")" +
                                     std::string(300, 'r') + R"(", "org_id": 3})"))
                .find("实际为 \"" + std::string(64, 'r') + "…\" / "),
            std::string::npos);
  EXPECT_EQ(
      Refusal(ParseUserRequest(
          R"({"login": "li", "name": "李四", "role": "head", "org_id": 3, "password": "1234567"})")),
      "字段 \"password\" 至少应有 8 字节，实际 7 字节 / field \"password\" must have at "
      "least 8 bytes, not 7");
  EXPECT_EQ(Refusal(ParseUserRequest(
                R"({"login": "li", "name": "李四", "role": "head", "org_id": "3"})")),
            "字段 \"org_id\" 应为整数，实际为字符串 / field \"org_id\" must be an integer, not a "
            "string");
  EXPECT_EQ(Refusal(ParseUserRequest(R"({"login": "li", "name": "李四", "role": "head",
                                         "org_id": 3, "orgid": 3})")),
            "未知字段 \"orgid\"（您是不是要写 \"org_id\"？） / unknown field \"orgid\" (did you "
            "mean \"org_id\"?)");
}

// ---- Path ids and list parameters ------------------------------------------------------------

TEST(Requests, ParseId) {
  EXPECT_EQ(*ParseId("42"), 42);
  EXPECT_EQ(*ParseId("1"), 1);
  EXPECT_EQ(*ParseId("9007199254740992"), kMaxId);
  EXPECT_EQ(Refusal(ParseId("042")),
            "\"042\" 不是有效的编号（应为 1 到 9007199254740992 之间、不以 0 开头的十进制数） / "
            "\"042\" is not a valid id (expected a decimal number from 1 to 9007199254740992 "
            "without leading zeros)");
  for (const std::string& bad : std::initializer_list<std::string>{
           "", "0", "-1", "+1", " 1", "1 ", "1e3", "0x10", "1.0", "9007199254740993",
           "99999999999999999", "12345678901234567890123", "４２", std::string("4\0", 2)}) {
    EXPECT_FALSE(ParseId(bad).ok()) << bad;
  }
  // Broken UTF-8 from a URL is shown as U+FFFD, so the message is valid UTF-8.
  EXPECT_EQ(Refusal(ParseId("\xFF")).rfind("\"\uFFFD\" 不是有效的编号", 0), 0u);
}

using Params = std::multimap<std::string, std::string>;

TEST(Requests, ListQueryDefaults) {
  const Result<ListQuery> q = ParseListQuery({});
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(q->year || q->status || q->unit);
  EXPECT_EQ(q->sort, "updated");
  EXPECT_TRUE(q->desc);
}

TEST(Requests, ListQueryAccepted) {
  const Result<ListQuery> q = ParseListQuery(
      Params{{"year", "2024"}, {"status", "submitted"}, {"unit", "17"}, {"sort", "-total"}});
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->year, 2024);
  EXPECT_EQ(q->status, "submitted");
  EXPECT_EQ(q->unit, 17);
  EXPECT_EQ(q->sort, "total");
  EXPECT_TRUE(q->desc);
  const Result<ListQuery> ascending = ParseListQuery(Params{{"sort", "execution_rate"}});
  ASSERT_TRUE(ascending.ok());
  EXPECT_EQ(ascending->sort, "execution_rate");
  EXPECT_FALSE(ascending->desc);
}

TEST(Requests, ListQueryRefusals) {
  EXPECT_EQ(Refusal(ParseListQuery(Params{{"yaer", "2024"}})),
            "未知参数 \"yaer\"（您是不是要写 \"year\"？） / unknown parameter \"yaer\" (did you "
            "mean \"year\"?)");
  EXPECT_EQ(Refusal(ParseListQuery(Params{{"page", "2"}})),
            "未知参数 \"page\"（可用的参数：year、status、unit、sort） / unknown parameter "
            "\"page\" (known parameters: year, status, unit, sort)");
  EXPECT_EQ(Refusal(ParseListQuery(Params{{"year", "2024"}, {"year", "2025"}})),
            "参数 \"year\" 出现了 2 次 / parameter \"year\" is given 2 times");
  EXPECT_EQ(Refusal(ParseListQuery(Params{{"status", ""}})),
            "参数 \"status\" 的值为空 / parameter \"status\" has an empty value");
  EXPECT_EQ(Refusal(ParseListQuery(Params{{"year", "1999"}})),
            "参数 \"year\" 应为 2000 到 2100 之间的年份，实际为 \"1999\" / parameter \"year\" "
            "must be a year from 2000 to 2100, not \"1999\"");
  for (const char* bad : {"02024", "2024.0", "+2024", "2101", "year"}) {
    EXPECT_FALSE(ParseListQuery(Params{{"year", bad}}).ok()) << bad;
  }
  EXPECT_EQ(Refusal(ParseListQuery(Params{{"status", "Draft"}})),
            "参数 \"status\" 应为 draft、submitted、returned、forwarded、accepted、published 之一，"
            "实际为 \"Draft\" / parameter \"status\" must be one of draft, submitted, returned, "
            "forwarded, accepted, published, not \"Draft\"");
  EXPECT_EQ(Refusal(ParseListQuery(Params{{"unit", "0"}})),
            "参数 \"unit\" 不是有效的编号：\"0\" / parameter \"unit\" is not a valid id: \"0\"");
  EXPECT_EQ(
      Refusal(ParseListQuery(Params{{"sort", "--total"}})),
      "参数 \"sort\" 应为 unit、year、status、total、grade、execution_rate、updated 之一（前加 "
      "\"-\" 为降序），实际为 \"--total\" / parameter \"sort\" must be one of unit, year, "
      "status, total, grade, execution_rate, updated (a leading \"-\" for descending "
      "order), not \"--total\"");
  EXPECT_FALSE(ParseListQuery(Params{{"sort", "-"}}).ok());
  EXPECT_FALSE(ParseListQuery(Params{{"sort", "name"}}).ok());
}

}  // namespace
}  // namespace jixiao::server
